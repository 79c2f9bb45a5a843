// Sign-in. Two ways to a bearer token, both ending in sessionStorage (gone with the tab):
//  - the local stack: `./jobstream up` prints http://127.0.0.1:PORT/#token=..., read here once and
//    removed from the address bar and the history; or a token pasted into the sign-in form;
//  - production: the issuer's OpenID discovery document (/.well-known/openid-configuration on this
//    origin), then the authorization code flow with PKCE (RFC 7636): a random verifier kept in
//    sessionStorage, its S256 challenge sent to the authorization endpoint, the code exchanged at the
//    token endpoint on return. No client secret lives in the browser.

const TOKEN_KEY = 'jobstream.token';
const PKCE_KEY = 'jobstream.pkce';

export interface OidcConfiguration {
  issuer: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  code_challenge_methods_supported?: string[];
}

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Takes `#token=...` out of the address (and so out of the history) and keeps the token. */
export function takeTokenFromUrl(): boolean {
  const hash = window.location.hash.startsWith('#') ? window.location.hash.substring(1) : '';
  const params = new URLSearchParams(hash);
  const token = params.get('token');
  if (!token) return false;
  storeToken(token);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return true;
}

/** The token's claims, for showing who is signed in (the API checks the signature, not the page). */
export function claims(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The deployment's settings for the monitor: /monitor-config.json beside index.html, absent on the
 * local stack (which has no login flow). `oidc_client_id` is the monitor's public client at the
 * issuer; with it, the sign-in page offers the issuer's code flow.
 */
export interface MonitorConfig {
  oidc_client_id?: string;
}

export async function monitorConfig(): Promise<MonitorConfig> {
  try {
    const response = await fetch('/monitor-config.json', { cache: 'no-store' });
    return response.ok && (response.headers.get('Content-Type') ?? '').includes('json')
      ? (await response.json()) as MonitorConfig : {};
  } catch {
    return {};
  }
}

export async function discovery(): Promise<OidcConfiguration | null> {
  try {
    const response = await fetch('/.well-known/openid-configuration');
    return response.ok ? (await response.json()) as OidcConfiguration : null;
  } catch {
    return null;
  }
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether the issuer offers what the code flow with PKCE needs. */
export function supportsPkce(config: OidcConfiguration | null): boolean {
  return !!config?.authorization_endpoint && !!config.token_endpoint
    && (config.code_challenge_methods_supported ?? []).includes('S256');
}

/** Sends the browser to the issuer's authorization endpoint. */
export async function startPkceSignIn(config: OidcConfiguration, clientId: string): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const redirectUri = window.location.origin + '/';
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, redirectUri, clientId,
    tokenEndpoint: config.token_endpoint }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid',
    code_challenge: base64url(digest), code_challenge_method: 'S256', state,
  });
  window.location.assign(`${config.authorization_endpoint}?${query}`);
}

/** On return from the issuer (`?code=&state=`): exchanges the code for a token. */
export async function finishPkceSignIn(): Promise<boolean> {
  const query = new URLSearchParams(window.location.search);
  const code = query.get('code');
  const pending = sessionStorage.getItem(PKCE_KEY);
  if (!code || !pending) return false;
  const { verifier, state, redirectUri, clientId, tokenEndpoint } = JSON.parse(pending);
  sessionStorage.removeItem(PKCE_KEY);
  window.history.replaceState(null, '', window.location.pathname);
  if (query.get('state') !== state) throw new Error('The sign-in answer does not match the request (state)');
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri,
      client_id: clientId, code_verifier: verifier }),
  });
  if (!response.ok) throw new Error(`The issuer refused the sign-in (${response.status})`);
  const body = await response.json() as { access_token?: string };
  if (!body.access_token) throw new Error('The issuer answered without an access token');
  storeToken(body.access_token);
  return true;
}

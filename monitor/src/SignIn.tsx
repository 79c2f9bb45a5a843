import { useEffect, useState } from 'react';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { discovery, monitorConfig, startPkceSignIn, storeToken, supportsPkce, type OidcConfiguration } from './auth';

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).host : 'the issuer';
  } catch {
    return 'the issuer';
  }
}

export function SignIn({ error, onToken }: { error?: string; onToken: (token: string) => void }) {
  const [pasted, setPasted] = useState('');
  const [oidc, setOidc] = useState<OidcConfiguration | null>(null);
  const [clientId, setClientId] = useState<string>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    void monitorConfig().then((config) => {
      setClientId(config.oidc_client_id);
      if (config.oidc_client_id) void discovery().then(setOidc);
    });
  }, []);

  const usePasted = () => {
    storeToken(pasted);
    onToken(pasted.trim());
  };

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 6 }}>
      <Paper sx={{ p: 3, width: 560 }}>
        <Typography variant="h5" gutterBottom>Sign in</Typography>
        {error && <Alert severity="warning" sx={{ mb: 2 }}>{error}</Alert>}
        {problem && <Alert severity="error" sx={{ mb: 2 }}>{problem}</Alert>}
        <Typography variant="body2" sx={{ mb: 2 }}>
          On the local stack, open the link that <code>./jobstream up</code> prints, or paste a bearer
          token (<code>./jobstream token --user alice --vo lhcb --group lhcb_user</code>).
        </Typography>
        <TextField label="Bearer token" fullWidth multiline minRows={3} value={pasted}
          slotProps={{ htmlInput: { 'data-testid': 'token-input' } }}
          onChange={(e) => setPasted(e.target.value)} />
        <Box sx={{ mt: 2, display: 'flex', gap: 1 }}>
          <Button variant="contained" disabled={!pasted.trim()} onClick={usePasted} data-testid="token-submit">
            Use this token
          </Button>
          {oidc && clientId && supportsPkce(oidc) && (
            <Button variant="outlined"
              onClick={() => startPkceSignIn(oidc, clientId).catch((e: Error) => setProblem(e.message))}>
              Sign in with {hostOf(oidc.authorization_endpoint)}
            </Button>
          )}
        </Box>
        {oidc && clientId && !supportsPkce(oidc) && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 2 }}>
            Issuer {oidc.issuer} publishes no authorization endpoint with PKCE (S256).
          </Typography>
        )}
      </Paper>
    </Box>
  );
}

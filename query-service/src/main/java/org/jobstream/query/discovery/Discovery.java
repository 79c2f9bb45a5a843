package org.jobstream.query.discovery;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobstream.access.SecurityProperty;
import org.jobstream.web.AuthProperties;
import org.jobstream.web.LocalSigningKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * What a DiracX client learns before it has a token: the discovery document (which issuer, where
 * to get and refresh tokens, where the keys are) and, for a deployment that signs its own tokens
 * (the local stack), the JWKS of its key.
 */
@Service
@EnableConfigurationProperties(DiscoveryProperties.class)
class Discovery {

    /** DiracX's paths of its auth service, under the entry point. */
    static final String TOKEN = "/api/auth/token";
    static final String AUTHORIZE = "/api/auth/authorize";
    static final String DEVICE = "/api/auth/device";
    static final String USERINFO = "/api/auth/userinfo";
    static final String REVOKE = "/api/auth/revoke";
    static final String JWKS = "/.well-known/jwks.json";

    private final DiscoveryProperties properties;
    private final AuthProperties auth;
    private final Optional<Map<String, Object>> jwks;

    Discovery(DiscoveryProperties properties, AuthProperties auth) {
        this.properties = properties;
        this.auth = auth;
        this.jwks = LocalSigningKey.publicKey(auth).map(Discovery::jwksOf);
    }

    /** @param requestBaseUrl the URL the request came to, used when no base URL is configured */
    OpenIdConfiguration configuration(String requestBaseUrl) {
        String base = StringUtils.hasText(properties.baseUrl()) ? trimSlash(properties.baseUrl()) : trimSlash(requestBaseUrl);
        List<String> scopes = new ArrayList<>(properties.scopesSupported());
        for (String property : List.of(SecurityProperty.NORMAL_USER, SecurityProperty.JOB_ADMINISTRATOR,
                SecurityProperty.GENERIC_PILOT)) {
            scopes.add("property:" + property);
        }
        return new OpenIdConfiguration(
                StringUtils.hasText(properties.issuer()) ? properties.issuer() : auth.issuer(),
                or(properties.tokenEndpoint(), base + TOKEN),
                or(properties.userinfoEndpoint(), base + USERINFO),
                or(properties.authorizationEndpoint(), base + AUTHORIZE),
                or(properties.deviceAuthorizationEndpoint(), base + DEVICE),
                or(properties.revocationEndpoint(), base + REVOKE),
                or(properties.jwksUri(), or(auth.jwkSetUri(), base + JWKS)),
                List.of("authorization_code", "urn:ietf:params:oauth:grant-type:device_code"),
                scopes,
                List.of("code"),
                properties.signingAlgorithms(),
                List.of("none"),
                List.of("S256"));
    }

    /** The JWKS of the deployment's own signing key; empty when an issuer's JWKS checks the tokens. */
    Optional<Map<String, Object>> jwks() {
        return jwks;
    }

    private static Map<String, Object> jwksOf(RSAPublicKey key) {
        RSAKey jwk = new RSAKey.Builder(key).keyID(LocalSigningKey.KEY_ID).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build();
        return new JWKSet(jwk).toJSONObject(true);
    }

    private static String or(String configured, String fallback) {
        return StringUtils.hasText(configured) ? configured : fallback;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

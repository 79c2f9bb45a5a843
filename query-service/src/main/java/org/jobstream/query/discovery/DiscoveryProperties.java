package org.jobstream.query.discovery;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OpenID Connect discovery document that DiracX's clients read ({@code jobstream.discovery.*}).
 * Each endpoint left empty is DiracX's path under {@code base-url} (the entry point's public URL;
 * when empty, the URL the request came to), which is right when the token issuer is DiracX's auth
 * service behind the same URL. Set them to the issuer's own endpoints when it lives elsewhere.
 *
 * @param issuer                      the tokens' {@code iss} (normally {@code jobstream.auth.issuer})
 * @param baseUrl                     the public URL of the entry point, e.g. {@code https://jobs.example.org}
 * @param tokenEndpoint               where a client refreshes its token
 * @param authorizationEndpoint       authorization-code flow (diracx-web)
 * @param deviceAuthorizationEndpoint device flow ({@code dirac login})
 * @param userinfoEndpoint            who a token is
 * @param revocationEndpoint          revoking a refresh token
 * @param jwksUri                     the issuer's public keys; empty: {@code jobstream.auth.jwk-set-uri}, else
 *                                    this service's own {@code /.well-known/jwks.json} (the local stack's key)
 * @param scopesSupported             scopes beyond the {@code property:} scopes of the jobs API
 *                                    ({@code vo:<vo>}, {@code group:<group>} of the installation)
 * @param signingAlgorithms           algorithms of the tokens
 */
@ConfigurationProperties("jobstream.discovery")
public record DiscoveryProperties(String issuer, String baseUrl, String tokenEndpoint, String authorizationEndpoint,
                                  String deviceAuthorizationEndpoint, String userinfoEndpoint,
                                  String revocationEndpoint, String jwksUri, List<String> scopesSupported,
                                  List<String> signingAlgorithms) {

    public DiscoveryProperties {
        scopesSupported = scopesSupported == null ? List.of() : List.copyOf(scopesSupported);
        signingAlgorithms = signingAlgorithms == null || signingAlgorithms.isEmpty() ? List.of("RS256")
                : List.copyOf(signingAlgorithms);
    }
}

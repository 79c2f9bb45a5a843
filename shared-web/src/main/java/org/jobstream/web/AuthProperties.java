package org.jobstream.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How bearer tokens are checked ({@code jobstream.auth.*}).
 *
 * @param jwkSetUri          the token issuer's JWKS URL (production); when empty,
 *                           {@code publicKeyLocation} is used
 * @param publicKeyLocation  a PEM RSA public key (the embedded default generates one)
 * @param issuer             the required {@code iss}; empty accepts any
 * @param audience           the required {@code aud}; empty accepts any
 * @param vosSharingJobInfo  VOs whose members see each other's jobs (DiracX's {@code GlobalJobsInfo})
 * @param rateLimitPerSecond requests per second each user may make; 0 (the default) for no limit
 * @param rateLimitBurst     requests a user may make at once before the rate applies
 */
@ConfigurationProperties("jobstream.auth")
public record AuthProperties(String jwkSetUri, Resource publicKeyLocation, String issuer, String audience,
                             List<String> vosSharingJobInfo, double rateLimitPerSecond, int rateLimitBurst) {

    public AuthProperties {
        vosSharingJobInfo = vosSharingJobInfo == null ? List.of() : List.copyOf(vosSharingJobInfo);
    }
}

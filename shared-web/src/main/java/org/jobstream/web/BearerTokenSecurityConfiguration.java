package org.jobstream.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import org.jobstream.access.Caller;
import org.jobstream.access.SecurityProperty;
import org.jobstream.access.JobVisibility;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer-token authentication for the Jobstream web services, the same in each: tokens are JWTs
 * signed by the issuer (its JWKS in production, the local stack's key pair in the embedded default),
 * with the required issuer and audience. Errors answer as DiracX does:
 * {@code 401 {"detail": "Authorization header is missing"}}, {@code 401 {"detail": "Invalid JWT"}}
 * and {@code 400 {"detail": "Invalid authorization header"}}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@EnableConfigurationProperties(AuthProperties.class)
public class BearerTokenSecurityConfiguration {

    /**
     * Paths that answer without a token: health probes, the API description, and the discovery
     * document with its keys (a DiracX client reads them before it has a token).
     */
    private static final String[] PUBLIC_PATHS = {
        "/actuator/health", "/actuator/health/**",
        "/api/openapi.json", "/api/openapi.json/**", "/api/openapi-commands.json", "/api/docs", "/api/docs/**", "/api/swagger-ui/**", "/v3/api-docs/**", "/swagger-ui/**",
        "/.well-known/openid-configuration", "/.well-known/jwks.json"
    };
    /** The rest of the actuator (metrics, Prometheus, info): for job administrators, e.g. a monitoring system's token. */
    private static final String OPERATIONS_PATHS = "/actuator/**";

    /** Distinct tokens whose signature is checked once (see {@link CachingJwtDecoder}). */
    private static final int TOKEN_CACHE = 10_000;

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        NimbusJwtDecoder decoder = StringUtils.hasText(properties.jwkSetUri())
                ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
                : NimbusJwtDecoder.withPublicKey(readPublicKey(properties)).build();
        if (!StringUtils.hasText(properties.issuer()) || !StringUtils.hasText(properties.audience())) {
            throw new IllegalStateException("jobstream.auth.issuer and jobstream.auth.audience must be set: "
                    + "every token's issuer and audience are checked");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // A token must expire: one without exp would be valid for ever.
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
        // A few seconds' tolerance for clocks apart, no more: a token not valid yet is refused.
        validators.add(new JwtTimestampValidator(java.time.Duration.ofSeconds(5)));
        validators.add(new JwtIssuerValidator(properties.issuer()));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(properties.audience())));
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder, validator, TOKEN_CACHE);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain bearerTokenFilterChain(HttpSecurity http, ObjectMapper mapper, AuthProperties properties)
            throws Exception {
        if (properties.rateLimitPerSecond() > 0) {
            http.addFilterAfter(rateLimit(mapper, new RateLimiter(properties.rateLimitPerSecond(),
                    Math.max(1, properties.rateLimitBurst()))), BearerTokenAuthenticationFilter.class);
        }
        return http
                .csrf(csrf -> csrf.disable())
                // Security headers are written when the request arrives, not when the answer is
                // committed: a streamed answer (GET /api/jobs/events) is committed by another thread.
                .headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers(OPERATIONS_PATHS).hasAuthority(SecurityProperty.JOB_ADMINISTRATOR)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(BearerTokenSecurityConfiguration::authenticate))
                        .authenticationEntryPoint((request, response, e) -> {
                            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
                            if (header == null) {
                                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                                writeDetail(mapper, response, 401, "Authorization header is missing");
                            } else if (!header.startsWith("Bearer ")) {
                                writeDetail(mapper, response, 400, "Invalid authorization header");
                            } else {
                                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                                writeDetail(mapper, response, 401, "Invalid JWT");
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> writeDetail(mapper, response, 403, "Forbidden")))
                .build();
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /** Visibility of jobs for a caller, with this deployment's VO sharing settings. */
    @Bean
    JobVisibilityRule jobVisibilityRule(AuthProperties properties) {
        Set<String> sharing = Set.copyOf(properties.vosSharingJobInfo());
        return caller -> JobVisibility.of(caller, sharing);
    }

    /**
     * Per-user rate limit ({@code jobstream.auth.rate-limit-per-second}, off when 0, the embedded
     * default): a caller past it gets {@code 429} with {@code Retry-After}, before any work is done.
     */
    private static OncePerRequestFilter rateLimit(ObjectMapper mapper, RateLimiter limiter) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication caller
                        && !limiter.tryAcquire(caller.caller().vo() + "/" + caller.caller().username(), System.nanoTime())) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limiter.retryAfterSeconds()));
                    writeDetail(mapper, response, 429, "Too many requests: slow down");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** The API description shows no {@code Caller} parameter: it comes from the bearer token. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.utils.SpringDocUtils")
    static class ApiDescription {
        static {
            org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        }
    }

    private static CallerAuthentication authenticate(Jwt jwt) {
        try {
            return new CallerAuthentication(jwt, CallerClaims.toCaller(jwt));
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("Invalid JWT: " + e.getMessage());
        }
    }

    private static RSAPublicKey readPublicKey(AuthProperties properties) {
        return LocalSigningKey.publicKey(properties).orElseThrow(() -> new IllegalStateException(
                "No token verification key: set jobstream.auth.jwk-set-uri, or "
                + "jobstream.auth.public-key-location to a PEM public key (./jobstream up makes one), not "
                + properties.publicKeyLocation()));
    }

    private static void writeDetail(ObjectMapper mapper, HttpServletResponse response, int status, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), Map.of("detail", detail));
    }

    /** Which jobs a caller sees; one rule for the whole deployment. */
    @FunctionalInterface
    public interface JobVisibilityRule {
        JobVisibility of(Caller caller);
    }
}

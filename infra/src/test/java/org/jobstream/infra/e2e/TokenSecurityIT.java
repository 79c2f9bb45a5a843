package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jobstream.infra.cli.Tokens;
import org.jobstream.infra.local.LocalStack;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bearer tokens that must not get in (issue 9): expired, not yet valid, signed by another key, for
 * another issuer or audience, lacking a claim the API needs, unsigned ({@code alg: none}) or
 * tampered with. Each is {@code 401 {"detail": "Invalid JWT"}} at both services: search (the query
 * service) and submission (the command service). The control case, the same token built right,
 * gets through to the route, which proves each refusal is for the flaw that case introduces.
 */
class TokenSecurityIT {

    private static final String ISSUER = LocalStack.ISSUER;
    private static final String AUDIENCE = LocalStack.AUDIENCE;
    private static final String USER = "mallory-" + UUID.randomUUID().toString().substring(0, 8);

    /** A request to each service that does nothing once authenticated: search, and a submission of no JDL. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/jobs/search", Map.of(), 200),
            new Endpoint("/api/jobs/jdl", List.of(), 400));

    record Endpoint(String path, Object body, int statusWhenAuthenticated) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void isRefusedWith401ByBothServices(String token) {
        for (Endpoint endpoint : ENDPOINTS) {
            Stack.Answer answer = call("POST", endpoint.path(), token, endpoint.body());

            assertThat(answer.status()).as("POST %s: %s", endpoint.path(), answer.text()).isEqualTo(401);
            assertThat(answer.json().get("detail").asText()).isEqualTo("Invalid JWT");
            assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void theSameTokenBuiltRightGetsThrough() throws Exception {
        String token = Tokens.sign(stackKey(), claims().build());

        for (Endpoint endpoint : ENDPOINTS) {
            Stack.Answer answer = call("POST", endpoint.path(), token, endpoint.body());

            assertThat(answer.status()).as("POST %s: %s", endpoint.path(), answer.text())
                    .isEqualTo(endpoint.statusWhenAuthenticated());
        }
    }

    static Stream<Named<String>> forgedTokens() throws Exception {
        PrivateKey stackKey = stackKey();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey otherKey = generator.generateKeyPair().getPrivate();
        String valid = Tokens.sign(stackKey, claims().build());
        String[] parts = valid.split("\\.");
        String publicKeyPem = Files.readString(Stack.STATE.resolve("keys/jwt-public.pem"));
        Instant now = Instant.now();

        return Stream.of(
                // The services allow 5 s of clock skew: these are well outside it.
                named("expired five minutes ago", Tokens.sign(stackKey, claims(c -> c
                        .issueTime(Date.from(now.minus(Duration.ofHours(1))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))))),
                named("not valid before an hour from now", Tokens.sign(stackKey, claims(c -> c
                        .notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))))),
                named("without an expiry (valid for ever)", Tokens.sign(stackKey, claims(c -> c.expirationTime(null)))),
                named("not valid before 30 seconds from now", Tokens.sign(stackKey, claims(c -> c
                        .notBeforeTime(Date.from(now.plus(Duration.ofSeconds(30))))))),
                named("signed by a key the stack does not know", Tokens.sign(otherKey, claims().build())),
                named("for another audience", Tokens.sign(stackKey, claims(c -> c.audience("another-service")))),
                named("without an audience", Tokens.sign(stackKey, claims(c -> c.audience((String) null)))),
                named("from another issuer", Tokens.sign(stackKey, claims(c -> c.issuer("https://issuer.example.org")))),
                named("without an issuer", Tokens.sign(stackKey, claims(c -> c.issuer(null)))),
                named("without vo", Tokens.sign(stackKey, claims(c -> c.claim("vo", null)))),
                named("without preferred_username", Tokens.sign(stackKey, claims(c -> c.claim("preferred_username", null)))),
                named("without dirac_group", Tokens.sign(stackKey, claims(c -> c.claim("dirac_group", null)))),
                named("without sub", Tokens.sign(stackKey, claims(c -> c.subject(null)))),
                named("with a blank vo", Tokens.sign(stackKey, claims(c -> c.claim("vo", " ")))),
                named("with vo as a list", Tokens.sign(stackKey, claims(c -> c.claim("vo", List.of("lhcb", "atlas"))))),
                named("with dirac_properties that are not strings", Tokens.sign(stackKey, claims(c -> c
                        .claim("dirac_properties", List.of(Map.of("JobAdministrator", true)))))),
                named("unsigned: alg none", unsigned("none", parts[1], "")),
                named("unsigned: alg None", unsigned("None", parts[1], "")),
                named("unsigned: alg none with the real signature kept", unsigned("none", parts[1], parts[2])),
                named("unsigned: alg none claiming JobAdministrator", unsigned("none",
                        Base64URL.encode(claims(c -> c.claim("dirac_properties", List.of("JobAdministrator")))
                                .toString()).toString(), "")),
                named("HS256 with the stack's public key as the secret", hmacWith(publicKeyPem)),
                named("signature stripped", parts[0] + "." + parts[1] + "."),
                named("claims changed after signing", parts[0] + "."
                        + Base64URL.encode(claims(c -> c.claim("dirac_properties", List.of("JobAdministrator")))
                                .toString()) + "." + parts[2]));
    }

    /** The claims of a valid token of this test's user; {@code change} alters them. */
    private static JWTClaimsSet.Builder claims() {
        return Tokens.claims(USER, "lhcb", "lhcb_user", List.of("NormalUser"), Duration.ofHours(1), ISSUER, AUDIENCE);
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(claims()).build();
    }

    /** A hand-built JWS with the given {@code alg} and signature part (RFC 7519's "unsecured JWT" for none). */
    private static String unsigned(String alg, String payload, String signature) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
        return Base64URL.encode(header.getBytes(StandardCharsets.UTF_8)) + "." + payload + "." + signature;
    }

    /** The algorithm-confusion attack: an HMAC signature keyed with the verifier's public key. */
    private static String hmacWith(String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                .keyID(LocalStack.KEY_ID).build(), claims().build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static PrivateKey stackKey() throws Exception {
        return Stack.LOCAL.signingKey();
    }

    private static Named<String> named(String name, String token) {
        return Named.of(name, token);
    }
}

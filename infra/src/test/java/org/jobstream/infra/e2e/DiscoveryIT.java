package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jobstream.infra.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a DiracX client does before and while it has a token: it fetches the discovery document
 * without one and reads {@code token_endpoint}; {@code jwks_uri} gives the keys that verify the
 * stack's tokens; {@code ./jobstream login} writes the credentials file DiracX's client reads.
 */
class DiscoveryIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDiscoveryDocumentAnswersWithoutATokenAndItsJwksVerifiesTheStacksTokens() throws Exception {
        Stack.Answer discovery = Stack.call("GET", "/.well-known/openid-configuration", null, null);

        assertThat(discovery.status()).as(discovery.text()).isEqualTo(200);
        JsonNode document = discovery.json();
        assertThat(document.get("issuer").asText()).isEqualTo(LocalStack.ISSUER);
        for (String field : List.of("token_endpoint", "authorization_endpoint", "device_authorization_endpoint",
                "userinfo_endpoint", "revocation_endpoint", "jwks_uri")) {
            assertThat(document.get(field).asText()).as(field).startsWith(Stack.BASE_URL + "/");
        }
        assertThat(document.get("grant_types_supported").toString()).contains("urn:ietf:params:oauth:grant-type:device_code");
        assertThat(document.get("scopes_supported").toString()).contains("property:NormalUser");

        HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create(document.get("jwks_uri").asText())).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        RSAKey key = JWKSet.parse(jwks.body()).getKeyByKeyId(LocalStack.KEY_ID).toRSAKey();
        assertThat(key.isPrivate()).isFalse();
        assertThat(SignedJWT.parse(Stack.token("discovery-user", "NormalUser")).verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void loginWritesDiracxCredentialsWhereDiracxCredentialsPathSaysAndTheApiAcceptsThem(@TempDir Path home)
            throws Exception {
        Path file = home.resolve("nested/credentials.json");

        JsonNode credentials = runLogin(Map.of("DIRACX_CREDENTIALS_PATH", file.toString()));

        assertThat(credentials.get("refresh_token").isNull()).isTrue();
        long expiresOn = credentials.get("expires_on").asLong();
        assertThat(expiresOn).isBetween(Instant.now().plus(Duration.ofHours(23)).getEpochSecond(),
                Instant.now().plus(Duration.ofHours(24)).getEpochSecond());
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        String token = credentials.get("access_token").asText();
        Stack.Answer search = Stack.call("POST", "/api/jobs/search", token, Map.of());
        assertThat(search.status()).as(search.text()).isIn(200, 206);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("dirac_properties")).containsExactly("NormalUser");
    }

    private static JsonNode runLogin(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stack.ROOT.resolve("jobstream").toString(), "login", "--user",
                "dirac-user", "--vo", "lhcb", "--group", "lhcb_user", "--property", "NormalUser")
                .directory(Stack.ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("export DIRACX_URL=" + Stack.BASE_URL);
        Path file = Path.of(environment.get("DIRACX_CREDENTIALS_PATH"));
        assertThat(Files.exists(file)).as(output).isTrue();
        return Stack.JSON.readTree(Files.readString(file));
    }
}

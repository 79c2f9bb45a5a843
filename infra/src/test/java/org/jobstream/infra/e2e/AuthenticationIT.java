package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bearer tokens at the entry point: who may call at all, and who may submit. */
class AuthenticationIT {

    private static final List<String> JOB = List.of("Executable = \"echo\";");

    @Test
    void noTokenIs401() {
        Stack.Answer answer = call("POST", "/api/jobs/search", null, Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("detail").asText()).isEqualTo("Authorization header is missing");
        assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aMalformedOrForgedTokenIs401() {
        String valid = token("carol", "NormalUser");
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(call("POST", "/api/jobs/search", "not-a-jwt", Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", "/api/jobs/search", forged, Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", "/api/jobs/jdl", forged, JOB).json().get("detail").asText()).isEqualTo("Invalid JWT");
    }

    @Test
    void anExpiredTokenIs401() {
        String expired = token("carol", "lhcb", "lhcb_user", Duration.ofMinutes(-5), "NormalUser");

        assertThat(call("POST", "/api/jobs/search", expired, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aNonBearerAuthorizationHeaderIs400() {
        Stack.Answer answer = Stack.send("POST", "/api/jobs/search", null, "{}".getBytes(),
                Map.of("Authorization", "Basic YWxpY2U6c2VjcmV0"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("Invalid authorization header");
    }

    @Test
    void submittingWithoutNormalUserIs403() {
        assertThat(call("POST", "/api/jobs/jdl", token("dave"), JOB).status()).isEqualTo(403);
        assertThat(call("POST", "/api/jobs/jdl", token("erin", "JobAdministrator"), JOB).status()).isEqualTo(403);
        assertThat(call("POST", "/api/jobs/jdl", token("frank", "NormalUser"), JOB).status()).isEqualTo(201);
    }

    @Test
    void searchingWithoutAnyJobPropertyIs403() {
        assertThat(call("POST", "/api/jobs/search", token("dave"), Map.of()).status()).isEqualTo(403);
    }
}

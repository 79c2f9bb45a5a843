package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/jobs/{id}/history}: the audit replay from the event store. */
class HistoryIT {

    private final String user = "kim-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");

    @Test
    void historyListsEveryEventOldestFirst() {
        long jobId = submit();

        Stack.Answer answer = call("GET", "/api/jobs/" + jobId + "/history", token, null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode first = answer.json().get(0);
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(first.get("type").asText()).isEqualTo("JobSubmitted");
        assertThat(first.get("time").asText()).isNotBlank();
        assertThat(first.get("payload").get("owner").asText()).isEqualTo(user);
    }

    @Test
    void asOfReplaysTheStateAtThatTime() {
        Instant before = Instant.now().minusSeconds(60);
        long jobId = submit();

        JsonNode now = call("GET", "/api/jobs/" + jobId + "/history?as_of=" + encode(Instant.now().plusSeconds(5)), token, null).json();
        Stack.Answer earlier = call("GET", "/api/jobs/" + jobId + "/history?as_of=" + encode(before), token, null);

        assertThat(now.get("JobID").asLong()).isEqualTo(jobId);
        assertThat(now.get("Status").asText()).isEqualTo("Received");
        assertThat(now.get("MinorStatus").asText()).isEqualTo("Job accepted");
        assertThat(now.get("Owner").asText()).isEqualTo(user);
        assertThat(earlier.status()).isEqualTo(404);
    }

    @Test
    void historyHasTheVisibilityOfSearch() {
        long jobId = submit();

        assertThat(call("GET", "/api/jobs/" + jobId + "/history", token("mallory", "NormalUser"), null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/jobs/999999999/history", token, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/jobs/" + jobId + "/history", token("root", "JobAdministrator"), null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/jobs/999999999/history", token("root", "JobAdministrator"), null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/jobs/" + jobId + "/history?as_of=yesterday", token, null).status()).isEqualTo(422);
    }

    private long submit() {
        return call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\";")).json().get(0).get("JobID").asLong();
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}

package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Walks every endpoint of the API with a second user's token against the first user's job and
 * sandbox: nothing is visible, nothing changes.
 */
class SecondUserIT {

    @Test
    void anotherUserNeitherSeesNorChangesAnythingThroughAnyEndpoint() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String ownerToken = token(owner, "NormalUser");
        String other = token("other-" + UUID.randomUUID().toString().substring(0, 8), "NormalUser");
        Stack.Answer submitted = call("POST", "/api/jobs/jdl", ownerToken, List.of("Executable = \"echo\"; JobName = \"private\";"));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        long jobId = submitted.json().get(0).get("JobID").asLong();
        String id = String.valueOf(jobId);
        String pfn = "SB:SandboxSE|/S3/sandboxes/lhcb/lhcb_user/" + owner + "/sha256:" + "ab".repeat(32) + ".tar.bz2";
        Map<String, Object> byId = Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)));

        assertThat(Stack.callAfterAllWrites("POST", "/api/jobs/search", other, byId).json()).isEmpty();
        assertThat(call("POST", "/api/jobs/summary", other, Map.of("grouping", List.of("JobName"),
                "search", byId.get("search"))).json()).isEmpty();
        assertThat(call("GET", "/api/jobs/" + id + "/history", other, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/jobs/" + id + "/sandbox", other, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/jobs/" + id + "/sandbox/input", other, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/jobs/sandbox?pfn=" + URLEncoder.encode(pfn, StandardCharsets.UTF_8), other, null)
                .status()).isEqualTo(403);
        assertThat(call("PATCH", "/api/jobs/status?force=true", other,
                Map.of(id, Map.of(Instant.now().toString(), Map.of("Status", "Killed")))).status()).isEqualTo(403);
        assertThat(call("PATCH", "/api/jobs/heartbeat", other, Map.of(id, Map.of("LoadAverage", 1.0))).status())
                .isEqualTo(403);
        assertThat(call("POST", "/api/jobs/reschedule", other, Map.of("job_ids", List.of(jobId))).status()).isEqualTo(403);
        assertThat(call("PATCH", "/api/jobs/metadata", other, Map.of(id, Map.of("JobName", "stolen"))).status())
                .isEqualTo(403);
        assertThat(call("PATCH", "/api/jobs/" + id + "/sandbox/output", other, pfn).status()).isEqualTo(403);
        assertThat(call("DELETE", "/api/jobs/" + id + "/sandbox", other, null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/jobs/sandbox/unassign", other, Map.of("job_ids", List.of(jobId))).status())
                .isEqualTo(403);

        JsonNode job = call("POST", "/api/jobs/search", ownerToken, Map.of("parameters",
                List.of("JobName", "Status", "RescheduleCounter", "LoggingInfo"), "search", byId.get("search"))).json().get(0);
        assertThat(job.get("JobName").asText()).isEqualTo("private");
        assertThat(job.get("Status").asText()).isEqualTo("Received");
        assertThat(job.get("RescheduleCounter").asInt()).isZero();
        assertThat(job.get("LoggingInfo")).hasSize(1);
        assertThat(call("GET", "/api/jobs/" + id + "/history", ownerToken, null).json()).hasSize(1);
    }
}

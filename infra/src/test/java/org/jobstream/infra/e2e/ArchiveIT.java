package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobstream.store.EventTableRows;
import org.jobstream.store.SnapshotTableRows;
import org.junit.jupiter.api.Test;

/**
 * Retention: finished jobs moved from the event store to the archive in the object store, as an
 * operator does ({@code POST /admin/archive}). The event table no longer holds them; their history
 * (and its as-of state), their ownership, search and a replay of the store (the read models' check)
 * still see them whole; a job that is not finished stays; commands on an archived job are refused.
 */
class ArchiveIT {

    private final String user = "arch-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String admin = token("archivist", "JobAdministrator");

    @Test
    void finishedJobsMoveToTheArchiveAndStayReadable() throws Exception {
        JsonNode submitted = call("POST", "/api/jobs/jdl", token, List.of(
                "Executable = \"echo\"; JobName = \"archive-1\";", "Executable = \"echo\"; JobName = \"archive-2\";",
                "Executable = \"echo\"; JobName = \"archive-3\";")).json();
        List<Long> jobs = new ArrayList<>();
        submitted.forEach(job -> jobs.add(job.get("JobID").asLong()));
        long killed = jobs.get(0);
        long done = jobs.get(1);
        long received = jobs.get(2);
        status(killed, "Killed", "Marked for termination");
        for (String next : List.of("Waiting", "Matched", "Running")) {
            status(done, next, "ArchiveIT");
        }
        status(done, "Done", "Execution Complete");

        // the caller's own search waits until the read models include its writes
        JsonNode found = search();
        assertThat(found).hasSize(3);
        JsonNode historyBefore = call("GET", "/api/jobs/" + done + "/history", token, null).json();
        JsonNode asOfBefore = call("GET", "/api/jobs/" + done + "/history?as_of="
                + encode(Instant.now().plusSeconds(5)), token, null).json();

        for (String cutoff : List.of("yesterday", "-1000000000-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z")) {
            Stack.Answer invalid = call("POST", "/admin/archive?finished_before=" + URLEncoder.encode(cutoff,
                    StandardCharsets.UTF_8) + "&job_id=" + killed, admin, null);
            assertThat(invalid.status()).as(cutoff + ": " + invalid.text()).isEqualTo(422);
        }
        Stack.Answer refused = archive(token, jobs);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        Stack.Answer answer = archive(admin, jobs);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("archived")).extracting(JsonNode::asLong).containsExactlyInAnyOrder(killed, done);
        assertThat(answer.json().get("skipped").toString()).contains("job " + received + ": status Received is not final");

        try (Connection db = Stack.database()) {
            assertThat(EventTableRows.rowsOf(db, done)).as("the event table's rows of an archived job").isEmpty();
            assertThat(EventTableRows.rowsOf(db, killed)).isEmpty();
            assertThat(SnapshotTableRows.of(db, done)).isEmpty();
            assertThat(EventTableRows.rowsOf(db, received)).isNotEmpty();
        }

        // history, the state as of a time, ownership and search read through the archive
        assertThat(call("GET", "/api/jobs/" + done + "/history", token, null).json()).isEqualTo(historyBefore);
        assertThat(call("GET", "/api/jobs/" + done + "/history?as_of=" + encode(Instant.now().plusSeconds(5)), token,
                null).json()).isEqualTo(asOfBefore);
        assertThat(call("GET", "/api/jobs/" + done + "/history", token("mallory", "NormalUser"), null).status())
                .isEqualTo(403);
        assertThat(search()).extracting(job -> job.get("Status").asText())
                .containsExactlyInAnyOrder("Killed", "Done", "Received");

        // an archived job takes no more commands; the others of the caller still do
        Stack.Answer update = call("PATCH", "/api/jobs/status", token, Map.of(Long.toString(done),
                Map.of(Instant.now().toString(), Map.of("Status", "Deleted", "Source", "ArchiveIT"))));
        assertThat(update.status()).as(update.text()).isEqualTo(409);
        assertThat(update.json().get("detail").asText()).contains(Long.toString(done)).contains("archived");
        Stack.Answer reschedule = call("POST", "/api/jobs/reschedule", token, Map.of("job_ids", List.of(killed)));
        assertThat(reschedule.status()).as(reschedule.text()).isEqualTo(409);
        status(received, "Killed", "Marked for termination");

        // a replay of the store (the read models' check) includes the archived jobs: no difference names them
        List<String> check = check();
        assertThat(check).anyMatch(line -> line.contains("archived jobs replayed"));
        assertThat(check).filteredOn(line -> line.contains(" DIFFERENCE job " + done + " ")
                || line.contains(" DIFFERENCE job " + killed + " ")).isEmpty();

        // archiving again finds nothing more to do for them
        Stack.Answer again = archive(admin, List.of(killed, done));
        assertThat(again.json().get("archived")).isEmpty();
    }

    private void status(long jobId, String status, String minor) {
        Stack.Answer answer = call("PATCH", "/api/jobs/status", token, Map.of(Long.toString(jobId),
                Map.of(Instant.now().toString(), Map.of("Status", status, "MinorStatus", minor, "Source", "ArchiveIT"))));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("failed").size()).as(answer.text()).isZero();
    }

    private JsonNode search() {
        Stack.Answer answer = call("POST", "/api/jobs/search", token, Map.of("parameters", List.of("JobID", "Status")));
        assertThat(answer.status()).as(answer.text()).isIn(200, 206);
        return answer.json();
    }

    private static Stack.Answer archive(String token, List<Long> jobs) {
        StringBuilder path = new StringBuilder("/admin/archive?finished_before=").append(encode(Instant.now()))
                .append("&limit=10");
        jobs.forEach(job -> path.append("&job_id=").append(job));
        return call("POST", path.toString(), token, null);
    }

    private List<String> check() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Stack.LOCAL.projectionsUrl() + "/admin/check"))
                .header("Authorization", "Bearer " + admin)
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().toList();
    }

    private static String encode(Instant time) {
        return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
    }
}

package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jobstream.infra.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service behind the entry point ({@code ./jobstream scale 2}): updates to
 * one job arriving at both command services at once are all kept, a job command is delivered once,
 * and the projections share the topic.
 */
class TwoInstancesIT {

    /** ./jobstream scale 2 starts each service's second instance ten ports above the first. */
    private static final String SECOND_COMMAND_SERVICE =
            LocalStack.loopback(URI.create(Stack.LOCAL.commandUrl()).getPort() + 10);

    private final String user = "twin-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String admin = token("root", "JobAdministrator");

    @BeforeAll
    static void twoInstancesOfEachService() throws Exception {
        scale(2);
    }

    @AfterAll
    static void backToOne() throws Exception {
        scale(1);
    }

    @Test
    void concurrentUpdatesOfOneJobThroughBothInstancesAreAllKept() {
        long jobId = call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\";")).json().get(0).get("JobID").asLong();
        Instant base = Instant.now();

        List<CompletableFuture<Integer>> updates = IntStream.range(0, 40)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    Map<String, Object> body = Map.of(String.valueOf(jobId),
                            Map.of(base.plusMillis(i).toString(), Map.of("MinorStatus", "step " + i)));
                    // half through the entry point (round robin), half straight to the second instance
                    return i % 2 == 0 ? call("PATCH", "/api/jobs/status", token, body).status() : patchSecond(body);
                }))
                .toList();

        updates.forEach(update -> assertThat(update.join()).isEqualTo(200));
        JsonNode job = job(jobId);
        assertThat(job.get("LoggingInfo")).hasSize(41);
        assertThat(job.get("MinorStatus").asText()).isEqualTo("step 39");
    }

    @Test
    void aKillIsDeliveredOnceWhateverInstanceTheHeartbeatsReach() {
        long jobId = call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\";")).json().get(0).get("JobID").asLong();
        call("PATCH", "/api/jobs/status?force=true", admin, Map.of(String.valueOf(jobId),
                Map.of(Instant.now().toString(), Map.of("Status", "Killed"))));
        String pilot = token("pilot", "lhcb", "lhcb_pilot", java.time.Duration.ofHours(1), "GenericPilot");

        List<CompletableFuture<Stack.Answer>> beats = IntStream.range(0, 10)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> call("PATCH", "/api/jobs/heartbeat", pilot,
                        Map.of(String.valueOf(jobId), Map.of("CPUConsumed", (double) i)))))
                .toList();

        beats.forEach(beat -> assertThat(beat.join().status()).as(beat.join().text()).isEqualTo(200));
        int kills = beats.stream().mapToInt(beat -> beat.join().json().size()).sum();
        assertThat(kills).isEqualTo(1);
    }

    @Test
    void jobsSubmittedThroughBothInstancesAreAllSearchable() {
        List<Long> ids = IntStream.range(0, 10)
                .mapToObj(i -> call("POST", "/api/jobs/jdl", token, java.util.Collections.nCopies(20, "Executable = \"echo\";")).json())
                .flatMap(jobs -> java.util.stream.StreamSupport.stream(jobs.spliterator(), false))
                .map(job -> job.get("JobID").asLong())
                .toList();

        JsonNode found = call("POST", "/api/jobs/search?per_page=1000", token, Map.of("parameters", List.of("JobID"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "in", "values", ids)))).json();
        assertThat(found).hasSize(ids.size());
    }

    private JsonNode job(long jobId) {
        return call("POST", "/api/jobs/search", token, Map.of("parameters", List.of("MinorStatus", "LoggingInfo"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)))).json().get(0);
    }

    private int patchSecond(Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(SECOND_COMMAND_SERVICE + "/api/jobs/status"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Stack.JSON.writeValueAsBytes(body)))
                    .build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void scale(int instances) {
        Stack.jobstream(Duration.ofMinutes(5), "scale", String.valueOf(instances));
    }
}

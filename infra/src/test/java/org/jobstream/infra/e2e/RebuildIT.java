package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the read models from the event store and checking them against it, as an operator
 * does (the projections service's admin endpoints): search keeps answering during a rebuild, and
 * after the projections service is killed mid-stream and restarted, its read models equal the
 * replay of the event store.
 */
class RebuildIT {

    private static final String PROJECTIONS = Stack.LOCAL.projectionsUrl();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration OPERATION_LIMIT = Duration.ofMinutes(10);

    private final String user = "rosalind-" + UUID.randomUUID().toString().substring(0, 8);
    private final String userToken = token(user, "NormalUser");

    @Test
    void maintenanceIsForJobAdministratorsOnly() throws Exception {
        assertThat(post("check", null).statusCode()).isEqualTo(401);
        HttpResponse<Stream<String>> normalUser = post("check", userToken);
        assertThat(normalUser.statusCode()).isEqualTo(403);
        assertThat(String.join("", normalUser.body().toList())).contains("Forbidden");
    }

    @Test
    void aRebuildKeepsSearchAnsweringAndTheCheckFindsTheReplayEqual() throws Exception {
        Set<Long> jobs = submit(3, 20);
        // The check compares a quiet read model: let a search (which waits for the read models to
        // include every acknowledged command) see the jobs first, so they are not still in flight.
        assertThat(searchAll()).containsAll(jobs);
        Operation before = run("check");
        assertThat(before.result()).as(before.text()).matches("RESULT (OK|DIFFERENCES) check: .*");
        // The store may hold events from before this test; none of the differences may be about these jobs.
        assertThat(before.lines()).noneMatch(line -> jobs.stream().anyMatch(id -> line.contains("DIFFERENCE job " + id + " ")));

        SearchLoop searches = new SearchLoop(jobs);
        CompletableFuture<Void> searching = CompletableFuture.runAsync(searches);
        Operation rebuild;
        try {
            rebuild = run("rebuild", line -> {
                if (line.contains("Filling index")) {
                    HttpResponse<Stream<String>> second = post("check", token("operator", "JobAdministrator"));
                    assertThat(second.statusCode()).as("a second operation while one runs").isEqualTo(409);
                }
            });
            int afterSwitch = searches.count.get();
            awaitSearches(searches, afterSwitch + 5);
        } finally {
            searches.stop.set(true);
            searching.get(1, TimeUnit.MINUTES);
        }

        assertThat(rebuild.result()).as(rebuild.text()).startsWith("RESULT OK rebuild: ");
        assertThat(rebuild.lines()).anyMatch(line -> line.contains("Switched: schema readmodel and index"));
        assertThat(searches.failures).as("every search during the rebuild").isEmpty();
        assertThat(searches.count.get()).isGreaterThan(5);

        // As an operator runs it: ./jobstream check prints the lines and exits 0 without a difference.
        assertThat(Stack.jobstream(OPERATION_LIMIT, "check")).contains("RESULT OK check: 0 differences");
    }

    @Test
    void theReadModelsOfAProjectionsServiceKilledMidStreamEqualTheReplay() throws Exception {
        Operation rebuild = run("rebuild");
        assertThat(rebuild.result()).as(rebuild.text()).startsWith("RESULT OK rebuild: ");

        Submitter submitter = new Submitter();
        CompletableFuture<Void> submitting = CompletableFuture.runAsync(submitter);
        try {
            submitter.awaitRequests(10);
            Stack.stop("projections", "KILL");
            int whileDown = submitter.requests.get();
            submitter.awaitRequests(whileDown + 10);
            Stack.jobstream(Duration.ofMinutes(5), "up", "--no-build");
            int afterRestart = submitter.requests.get();
            submitter.awaitRequests(afterRestart + 10);
        } finally {
            submitter.stop.set(true);
            submitting.get(1, TimeUnit.MINUTES);
        }
        // While the read models fall behind by more than the bound, the write path pushes back; nothing else fails.
        assertThat(submitter.failures).as("submissions are acknowledged, or refused by back-pressure only")
                .allMatch(failure -> failure.startsWith("503 ") && failure.contains("behind"));
        assertThat(submitter.acknowledged).isNotEmpty();

        await("every acknowledged job is found").atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(searchAll()).containsAll(submitter.acknowledged));
        Operation check = run("check");
        assertThat(check.result()).as(check.text()).startsWith("RESULT OK check: 0 differences");
        await("the lag gauges come back to zero").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(PROJECTIONS + "/actuator/prometheus"))
                            .header("Authorization", "Bearer " + token("monitoring", "JobAdministrator")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            // every meter carries its application's tag: jobstream_projection_lag_events{application="projections"} 0.0
            assertThat(metrics).containsPattern("\njobstream_projection_lag_events(\\{[^}]*\\})? 0\\.0\n")
                    .containsPattern("\njobstream_projection_lag_seconds(\\{[^}]*\\})? 0\\.0\n");
        });
    }

    private Set<Long> submit(int requests, int jobsPerRequest) {
        Set<Long> ids = new TreeSet<>();
        for (int r = 0; r < requests; r++) {
            List<String> jdls = new ArrayList<>();
            for (int j = 0; j < jobsPerRequest; j++) {
                jdls.add("Executable = \"echo\"; JobName = \"rebuild-" + r + "-" + j + "\";");
            }
            Stack.Answer answer = call("POST", "/api/jobs/jdl", userToken, jdls);
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            answer.json().forEach(job -> ids.add(job.get("JobID").asLong()));
        }
        return ids;
    }

    private Set<Long> searchAll() {
        Stack.Answer answer = call("POST", "/api/jobs/search?per_page=10000", userToken, Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        Set<Long> found = new TreeSet<>();
        answer.json().forEach(job -> found.add(job.get("JobID").asLong()));
        return found;
    }

    /** Searches for the user's jobs in a loop until stopped, noting every answer that is not all of them. */
    private final class SearchLoop implements Runnable {
        final Set<Long> expected;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger count = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();

        SearchLoop(Set<Long> expected) {
            this.expected = expected;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                Stack.Answer answer = call("POST", "/api/jobs/search?per_page=1000", userToken, Map.of());
                if (answer.status() != 200) {
                    failures.add(answer.status() + " " + answer.text());
                } else {
                    Set<Long> found = new TreeSet<>();
                    answer.json().forEach(job -> found.add(job.get("JobID").asLong()));
                    if (!found.equals(expected)) {
                        failures.add("found " + found.size() + " of " + expected.size() + " jobs");
                    }
                }
                count.incrementAndGet();
            }
        }
    }

    private static void awaitSearches(SearchLoop searches, int count) {
        await().atMost(Duration.ofMinutes(1)).until(() -> searches.count.get() >= count);
    }

    /** Submits one request of five jobs after another until stopped, keeping the acknowledged job IDs. */
    private final class Submitter implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger requests = new AtomicInteger();
        final Set<Long> acknowledged = java.util.Collections.synchronizedSet(new TreeSet<>());
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        @Override
        public void run() {
            List<String> jdls = List.of("Executable = \"echo\";", "Executable = \"echo\"; Arguments = \"1\";",
                    "Executable = \"echo\"; Arguments = \"2\";", "Executable = \"echo\"; Arguments = \"3\";",
                    "Executable = \"echo\"; Arguments = \"4\";");
            while (!stop.get()) {
                Stack.Answer answer = call("POST", "/api/jobs/jdl", userToken, jdls);
                if (answer.status() == 201) {
                    for (JsonNode job : answer.json()) {
                        acknowledged.add(job.get("JobID").asLong());
                    }
                } else {
                    failures.add(answer.status() + " " + answer.text());
                }
                requests.incrementAndGet();
            }
        }

        void awaitRequests(int count) {
            await("submissions go on").atMost(Duration.ofMinutes(2)).until(() -> requests.get() >= count);
        }
    }

    /** An operation's streamed progress lines; the last is its {@code RESULT} line. */
    private record Operation(List<String> lines) {
        String result() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).replaceFirst("^\\S+ ", "");
        }

        String text() {
            return String.join("\n", lines);
        }
    }

    private static Operation run(String operation) throws Exception {
        return run(operation, line -> { });
    }

    /** Runs a rebuild or check as an administrator, handing each progress line over as it arrives. */
    private static Operation run(String operation, LineListener onLine) throws Exception {
        HttpResponse<Stream<String>> response = post(operation, token("operator", "JobAdministrator"));
        List<String> lines = new ArrayList<>();
        try (Stream<String> body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            Iterator<String> it = body.iterator();
            while (it.hasNext()) {
                String line = it.next();
                lines.add(line);
                onLine.accept(line);
            }
        }
        return new Operation(lines);
    }

    @FunctionalInterface
    private interface LineListener {
        void accept(String line) throws Exception;
    }

    private static HttpResponse<Stream<String>> post(String operation, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PROJECTIONS + "/admin/" + operation))
                .timeout(OPERATION_LIMIT)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // A fresh client each time: a pooled connection to a projections instance that a test has
        // killed meanwhile would be closed under the request.
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }
}

package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The replicated topology ({@code ./jobstream up --replicated}: three Kafka brokers, three
 * Elasticsearch nodes, two instances of each service) under continuous reads and writes, while one
 * process after another is killed with {@code kill -9} and brought back by {@code ./jobstream up}.
 * Run by the profile {@code faults} ({@code ./jobstream test} runs it after the suite).
 *
 * <p>What must hold: no acknowledged submission is lost (each is in the event store and found by
 * search afterwards), none is applied twice (the writers retry with an Idempotency-Key), reads keep
 * answering, and writes go on. How long reads and writes stopped
 * for each kill is measured and printed (and written to {@code target/failover.md}), not asserted:
 * the figures depend on the machine (docs/performance.md reports them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    /** How long a read and a write may take to succeed again once the killed process is back. */
    private static final Duration BOUND = Duration.ofMinutes(2);
    /**
     * The pause of each reader and writer between requests: a steady load (about 40 reads and 100
     * jobs submitted a second), not the write path's peak, so that what is measured is the take-over
     * and not two cores starved by fifteen processes and the load itself.
     */
    private static final long PACE = 100;
    /** How long the load runs with the process dead, before ./jobstream up restarts it. */
    private static final Duration DEAD = Duration.ofSeconds(15);

    private static final String WRITER = "failover-w-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String READER = "failover-r-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WRITER_TOKEN = token(WRITER, "NormalUser");
    private static final String READER_TOKEN = token(READER, "NormalUser");
    private static final Map<String, Figures> REPORT = new LinkedHashMap<>();
    /** What became of the acknowledged submissions, once the load stopped. */
    private static String outcome = "";
    private static Load load;

    /** What one kill cost. */
    private record Figures(long readGapMillis, int readsFailed, int reads, long writeGapMillis, int writesFailed,
                           int writes) {
    }

    /** An answer's time and whether it was a success. */
    private record Outcome(long nanos, boolean ok, String detail) {
    }

    /**
     * Two readers searching the reader's jobs (a user who does not write: its reads wait for nobody)
     * and two writers submitting 5-job requests, each pausing {@link #PACE} ms between requests,
     * until stopped; every answer is noted with its time.
     */
    private static final class Load {
        final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        final List<Outcome> reads = Collections.synchronizedList(new ArrayList<>());
        final List<Outcome> writes = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<CompletableFuture<Void>> workers = new ArrayList<>();

        Load() {
            for (int i = 0; i < 2; i++) {
                workers.add(CompletableFuture.runAsync(this::read));
                workers.add(CompletableFuture.runAsync(this::write));
            }
        }

        private void read() {
            Map<String, Object> search = Map.of("search", List.of(), "sort", List.of(Map.of("parameter", "JobID", "direction", "desc")));
            while (running.get()) {
                reads.add(attempt(() -> Stack.callOnce("POST", "/api/jobs/search?per_page=20", READER_TOKEN, search), 200, 206));
                pause(PACE);
            }
        }

        /**
         * Submits as a careful client does: each submission with an Idempotency-Key of its own, sent
         * again with the same key after any failure until it is acknowledged, so that a retry of a
         * submission the dead instance had applied is answered from the key and not applied twice.
         */
        private void write() {
            byte[] body = json(Collections.nCopies(5, "Executable = \"echo\";"));
            while (running.get()) {
                Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (true) {
                    Outcome outcome = attempt(() -> {
                        Stack.Answer answer = Stack.sendOnce("POST", "/api/jobs/jdl", WRITER_TOKEN, body, key);
                        if (answer.status() == 201) {
                            answer.json().forEach(job -> acknowledged.add(job.get("JobID").asLong()));
                        }
                        return answer;
                    }, 201);
                    writes.add(outcome);
                    if (outcome.ok() || System.nanoTime() > deadline) {
                        break;
                    }
                    pause(200);
                }
                pause(PACE);
            }
        }

        private static byte[] json(Object value) {
            try {
                return Stack.JSON.writeValueAsBytes(value);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static Outcome attempt(java.util.function.Supplier<Stack.Answer> request, int... expected) {
            try {
                Stack.Answer answer = request.get();
                for (int status : expected) {
                    if (answer.status() == status) {
                        return new Outcome(System.nanoTime(), true, "");
                    }
                }
                return new Outcome(System.nanoTime(), false, answer.status() + " " + answer.text());
            } catch (RuntimeException e) {
                return new Outcome(System.nanoTime(), false, "connection: " + e.getMessage());
            }
        }

        void stop() {
            running.set(false);
            workers.forEach(CompletableFuture::join);
        }
    }

    @BeforeAll
    static void replicatedAndLoaded() {
        String status = Stack.jobstream(Duration.ofMinutes(1), "status");
        assertThat(status).as("the replicated topology is running").contains("kafka-3", "elasticsearch-3",
                "command-service-2", "query-service-2", "projections-2");
        // The reader's jobs: its searches have something to return.
        assertThat(call("POST", "/api/jobs/jdl", READER_TOKEN, Collections.nCopies(20, "Executable = \"echo\";")).status())
                .isEqualTo(201);
        load = new Load();
        pause(5_000);
    }

    @AfterAll
    static void report() throws Exception {
        if (load != null) {
            load.stop();
        }
        StringBuilder table = new StringBuilder("| killed (kill -9) | longest read gap | reads failed | longest write gap | writes failed |\n"
                + "|---|---|---|---|---|\n");
        REPORT.forEach((component, f) -> table.append(String.format(Locale.ROOT, "| %s | %.1f s | %d of %d | %.1f s | %d of %d |%n",
                component, f.readGapMillis() / 1000.0, f.readsFailed(), f.reads(), f.writeGapMillis() / 1000.0,
                f.writesFailed(), f.writes())));
        table.append(outcome);
        System.out.println("Failover under continuous reads and writes:\n" + table);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("failover.md"), table.toString());
        }
    }

    @Test
    @Order(0)
    void theJobEventsAndTheIndexHaveCopiesOnSeveralNodes() throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA))) {
            TopicDescription topic = kafka.describeTopics(List.of(Stack.TOPIC)).allTopicNames().get().get(Stack.TOPIC);
            assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Stack.TOPIC);
            Config config = kafka.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
        }
        String index = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(Stack.LOCAL.elasticsearch() + "/jobstream-jobs/_settings/index.number_of_replicas")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(index).contains("\"number_of_replicas\":\"1\"");
    }

    @Test
    @Order(1)
    void aKafkaBroker() {
        survives("kafka");
    }

    @Test
    @Order(2)
    void anElasticsearchNode() {
        survives("elasticsearch");
    }

    @Test
    @Order(3)
    void aCommandServiceInstance() {
        survives("command-service");
    }

    @Test
    @Order(4)
    void aQueryServiceInstance() {
        survives("query-service");
    }

    @Test
    @Order(5)
    void aProjectionsInstance() {
        survives("projections");
    }

    @Test
    @Order(6)
    void nothingAcknowledgedWasLost() throws Exception {
        load.stop();
        List<Long> acknowledged = load.acknowledged.stream().sorted().toList();
        assertThat(acknowledged).isNotEmpty();
        long stored;
        try (Connection db = Stack.database()) {
            stored = EventTableRows.storedOf(db, acknowledged).jobs();
        }
        long found = searchable(acknowledged);
        outcome = String.format(Locale.ROOT, "%nAcknowledged: %d jobs; in the event store: %d; searchable: %d; lost: %d.%n",
                acknowledged.size(), stored, found, acknowledged.size() - Math.min(stored, found));
        assertThat(stored).as("acknowledged jobs in the event store").isEqualTo(acknowledged.size());
        assertThat(found).as("acknowledged jobs found by search").isEqualTo(acknowledged.size());
        // Nothing applied twice: the writer has exactly the jobs it was told of (a submission that
        // a dying instance applied without answering was answered to its retry from the key).
        long owned = 0;
        for (JsonNode group : call("POST", "/api/jobs/summary", WRITER_TOKEN, Map.of("grouping", List.of("Status"))).json()) {
            owned += group.get("count").asLong();
        }
        assertThat(owned).isEqualTo(acknowledged.size());
    }

    /**
     * Kills the component's first process, lets the load run with it dead, restarts it as an
     * operator (or an orchestrator) would, and notes the longest time without a successful read
     * and without an acknowledged write, from the kill until it is back.
     */
    private static void survives(String component) {
        long killed = System.nanoTime();
        Stack.stop(component, "KILL");
        pause(DEAD.toMillis());
        Stack.jobstream(Duration.ofMinutes(8), "up", "--no-build");
        pause(3_000);
        long back = System.nanoTime();
        Figures figures = new Figures(gap(load.reads, killed, back), failed(load.reads, killed, back), count(load.reads, killed, back),
                gap(load.writes, killed, back), failed(load.writes, killed, back), count(load.writes, killed, back));
        REPORT.put(component, figures);
        System.out.printf(Locale.ROOT, "%s killed: longest read gap %d ms (%d of %d reads failed), longest write gap %d ms (%d of %d writes failed)%n",
                component, figures.readGapMillis(), figures.readsFailed(), figures.reads(), figures.writeGapMillis(),
                figures.writesFailed(), figures.writes());
        failures(load.reads, killed).forEach(detail -> System.out.println("  read failure: " + detail));
        failures(load.writes, killed).forEach(detail -> System.out.println("  write failure: " + detail));
        // Figures are reported, not asserted (they depend on the machine); what must hold is that
        // reads and writes succeed again once the process is back.
        assertThat(succeedsAgain(load.reads, back)).as("a read succeeds after %s is back", component).isTrue();
        assertThat(succeedsAgain(load.writes, back)).as("a write is acknowledged after %s is back", component).isTrue();
    }

    /** Whether one of the outcomes after {@code since} is a success, waiting for it up to {@link #BOUND}. */
    private static boolean succeedsAgain(List<Outcome> outcomes, long since) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (outcomes) {
                if (outcomes.stream().anyMatch(o -> o.ok() && o.nanos() >= since)) {
                    return true;
                }
            }
            pause(200);
        }
        return false;
    }

    /** The longest time between successes among the outcomes from {@code from} to {@code to}, ends included. */
    private static long gap(List<Outcome> outcomes, long from, long to) {
        List<Long> successes;
        synchronized (outcomes) {
            successes = outcomes.stream().filter(o -> o.ok() && o.nanos() >= from && o.nanos() <= to).map(Outcome::nanos).sorted().toList();
        }
        long longest = 0;
        long previous = from;
        for (long at : successes) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return TimeUnit.NANOSECONDS.toMillis(Math.max(longest, to - previous));
    }

    /** The first five distinct reasons of the failures since {@code since}. */
    private static List<String> failures(List<Outcome> outcomes, long since) {
        synchronized (outcomes) {
            return outcomes.stream().filter(o -> o.nanos() >= since && !o.ok()).map(Outcome::detail).distinct().limit(5).toList();
        }
    }

    private static int failed(List<Outcome> outcomes, long from, long to) {
        synchronized (outcomes) {
            return (int) outcomes.stream().filter(o -> !o.ok() && o.nanos() >= from && o.nanos() <= to).count();
        }
    }

    private static int count(List<Outcome> outcomes, long from, long to) {
        synchronized (outcomes) {
            return (int) outcomes.stream().filter(o -> o.nanos() >= from && o.nanos() <= to).count();
        }
    }

    /** How many of the jobs their submitter's search finds, once the read models have caught up. */
    private static int searchable(List<Long> jobIds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        int found = 0;
        for (int from = 0; from < jobIds.size(); from += 5000) {
            List<Long> chunk = jobIds.subList(from, Math.min(jobIds.size(), from + 5000));
            while (true) {
                Stack.Answer answer = call("POST", "/api/jobs/search?per_page=10000", WRITER_TOKEN, Map.of("parameters",
                        List.of("JobID"), "search", List.of(Map.of("parameter", "JobID", "operator", "in", "values", chunk))));
                if (answer.status() == 200) {
                    found += answer.json().size();
                    break;
                }
                assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                assertThat(System.nanoTime()).as("read models caught up within 180 s; last answer: %s", answer.text())
                        .isLessThan(deadline);
            }
        }
        return found;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

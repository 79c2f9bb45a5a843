package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults while jobs are submitted continuously: a server or a service dies and comes back (by
 * {@code ./jobstream up}, which restarts what is not running). Afterwards every acknowledged job
 * is in the event store and found by search, and every refused request got a clear error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private final String user = "fault-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");

    /** Submits 5-job requests until stopped; keeps what was acknowledged and what was refused. */
    private final class Load {
        final List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        final CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                try {
                    Stack.Answer answer = call("POST", "/api/jobs/jdl", token, Collections.nCopies(5, "Executable = \"echo\";"));
                    if (answer.status() == 201) {
                        answer.json().forEach(job -> acknowledged.add(job.get("JobID").asLong()));
                    } else {
                        refusals.add(answer.status() + " " + answer.text());
                    }
                } catch (RuntimeException e) {
                    refusals.add("connection: " + e.getMessage());
                }
            }
        });

        void stop() {
            running.set(false);
            done.join();
        }
    }

    @Test
    @Order(1)
    void kafkaStoppedAndRestartedLosesNothing() throws Exception {
        survives("kafka");
    }

    @Test
    @Order(2)
    void elasticsearchStoppedAndRestartedLosesNothing() throws Exception {
        survives("elasticsearch");
    }

    @Test
    @Order(3)
    void theCommandServiceKilledMidBatchLosesNothingAcknowledged() throws Exception {
        survives("command-service");
    }

    private void survives(String component) throws Exception {
        Load load = new Load();
        TimeUnit.SECONDS.sleep(2);
        Stack.stop(component, component.equals("command-service") ? "KILL" : "TERM");
        TimeUnit.SECONDS.sleep(3);
        Stack.jobstream(Duration.ofMinutes(5), "up", "--no-build"); // recovery is the stack's own
        TimeUnit.SECONDS.sleep(2);
        load.stop();

        assertThat(load.acknowledged).isNotEmpty();
        for (String refusal : load.refusals) {
            // a clear error: a status with a JSON detail, or the connection refused while the service was down
            assertThat(refusal).matches("(?s)(5\\d\\d \\{\"detail\".*|connection: .*)");
        }
        assertThat(inEventStore(load.acknowledged)).isEqualTo(load.acknowledged.size());
        assertThat(searchable(load.acknowledged)).isEqualTo(load.acknowledged.size());
    }

    private static int inEventStore(List<Long> jobIds) throws Exception {
        try (Connection db = Stack.database()) {
            return (int) EventTableRows.storedOf(db, jobIds).jobs();
        }
    }

    /**
     * How many of the jobs their submitter's search finds, asking for at most 5000 at a time. The
     * search waits for the read models to include the submitter's own writes, as any client's does;
     * while they catch up after the fault it answers 503, and is asked again.
     */
    private int searchable(List<Long> jobIds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        int found = 0;
        for (int from = 0; from < jobIds.size(); from += 5000) {
            List<Long> chunk = jobIds.subList(from, Math.min(jobIds.size(), from + 5000));
            while (true) {
                Stack.Answer answer = call("POST", "/api/jobs/search?per_page=10000", token, Map.of("parameters",
                        List.of("JobID"), "search", List.of(Map.of("parameter", "JobID", "operator", "in", "values", chunk))));
                if (answer.status() == 200) {
                    found += answer.json().size();
                    break;
                }
                assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                assertThat(System.nanoTime()).as("read models caught up within 180 s; last answer: %s; stack:%n%s",
                        answer.text(), Stack.jobstream(Duration.ofMinutes(1), "status")).isLessThan(deadline);
            }
        }
        return found;
    }
}

package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jobstream.api.ApiHeaders;
import org.junit.jupiter.api.Test;

/**
 * Reads wait for their caller's own writes only (issue 12): a search answers while the read models
 * are behind another caller's writes, a caller's own submission is found by its very next search
 * under another caller's write load (an answer never lacks it), a pinned position is checked, and the write path pushes back past its lag bound and
 * lets writes in again once the read models catch up. No assertion here is a timing: the read
 * position each answer reports shows what it waited for.
 */
class CallerScopedReadsIT {

    private final String reader = "reader-" + UUID.randomUUID().toString().substring(0, 8);
    private final String readerToken = token(reader, "NormalUser");
    private final String writerToken = token("writer-" + UUID.randomUUID().toString().substring(0, 8), "NormalUser");

    private static Map<String, Object> byJobId(long jobId) {
        return Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)));
    }

    private static long position(Stack.Answer answer, String header) {
        return Long.parseLong(answer.header(header).orElseThrow(() -> new AssertionError("no " + header + ": " + answer)));
    }

    private static Stack.Answer submitOnce(String token) {
        return Stack.callOnce("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\"; JobName = \"scoped\";"));
    }

    @Test
    void aSearchDoesNotWaitForOthersWritesAndTheWritePathPushesBackPastItsBoundThenLetsWritesIn() {
        Stack.call("POST", "/api/jobs/search", readerToken, Map.of()); // nothing pending afterwards
        Stack.blockIndexWrites(true);
        try {
            Stack.Answer written = submitOnce(writerToken);
            assertThat(written.status()).as(written.text()).isEqualTo(201);
            long writersPosition = position(written, ApiHeaders.POSITION);

            // The reader has nothing pending: answered at once, from read models behind the writer's write.
            Stack.Answer search = Stack.callOnce("POST", "/api/jobs/search", readerToken, Map.of());
            assertThat(search.status()).as(search.text()).isEqualTo(200);
            assertThat(position(search, ApiHeaders.READ_POSITION)).isLessThan(writersPosition);

            // Past the bound, the write path refuses writes and says when to retry; reads still answer.
            Stack.Answer refused = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> submitOnce(writerToken), answer -> answer.status() == 503);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(refused.json().get("detail").asText()).contains("behind");
            assertThat(Stack.callOnce("POST", "/api/jobs/summary", readerToken, Map.of("grouping", List.of("Status")))
                    .status()).isEqualTo(200);
        } finally {
            Stack.blockIndexWrites(false);
        }
        // Once the read models catch up, writes are accepted again, and the writer's job is found.
        Stack.Answer accepted = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> submitOnce(writerToken), answer -> answer.status() == 201);
        long jobId = accepted.json().get(0).get("JobID").asLong();
        Stack.Answer found = Stack.callOnce("POST", "/api/jobs/search", writerToken, byJobId(jobId));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).hasSize(1);
    }

    @Test
    void ownSubmissionsAreFoundByTheVeryNextSearchWhileAnotherCallerWrites() throws Exception {
        List<Long> writersJobs = new ArrayList<>();
        for (int request = 0; request < 5; request++) {
            Stack.call("POST", "/api/jobs/jdl", writerToken, java.util.Collections.nCopies(20, "Executable = \"echo\";"))
                    .json().forEach(job -> writersJobs.add(job.get("JobID").asLong()));
        }
        try (WriteLoad load = new WriteLoad(writerToken, writersJobs, 1)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledged() > 0);
            for (int round = 0; round < 5; round++) {
                Stack.Answer submitted = Stack.call("POST", "/api/jobs/jdl", readerToken,
                        List.of("Executable = \"echo\"; JobName = \"mine under load\";"));
                long jobId = submitted.json().get(0).get("JobID").asLong();

                // The next search waits for the reader's own write (a 503 past the wait's bound is
                // sent again, as DiracX's clients do): an answer never lacks it.
                Stack.Answer next = Stack.call("POST", "/api/jobs/search", readerToken, byJobId(jobId));
                assertThat(next.status()).as(next.text()).isEqualTo(200);
                assertThat(next.json()).as("the reader's job %d, round %d", jobId, round).hasSize(1);
                assertThat(position(next, ApiHeaders.READ_POSITION)).isGreaterThanOrEqualTo(position(submitted, ApiHeaders.POSITION));
            }
            assertThat(load.acknowledged()).isPositive();
        }
    }

    @Test
    void aPinnedPositionThatIsNotOneIsRefusedAtOnce() {
        Stack.Answer written = Stack.call("POST", "/api/jobs/jdl", readerToken, List.of("Executable = \"echo\";"));
        long head = position(written, ApiHeaders.POSITION);
        for (String bad : List.of("-5", "abc", "1.5", Long.toString(Long.MAX_VALUE), Long.toString(head + 1_000_000_000L))) {
            Stack.Answer answer = Stack.sendOnce("POST", "/api/jobs/search", readerToken, "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of(ApiHeaders.POSITION, bad));
            assertThat(answer.status()).as(bad + ": " + answer.text()).isEqualTo(422);
            JsonNode error = answer.json().get("detail").get(0);
            assertThat(error.get("loc").get(0).asText()).isEqualTo("header");
        }
        Stack.Answer pinned = Stack.send("POST", "/api/jobs/search", readerToken, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of(ApiHeaders.POSITION, Long.toString(head)));
        assertThat(pinned.status()).isIn(200, 206);
        assertThat(position(pinned, ApiHeaders.READ_POSITION)).isGreaterThanOrEqualTo(head);
    }

    /** Status updates of 100 of a caller's jobs a request, from a few clients, until closed. */
    static final class WriteLoad implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong acknowledged = new AtomicLong();
        private final List<Thread> clients = new ArrayList<>();

        WriteLoad(String token, List<Long> jobs, int clients) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    long step = 0;
                    while (running.get()) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        String time = Instant.now().plusNanos(client * 1000L).toString();
                        for (long jobId : jobs.subList(0, Math.min(100, jobs.size()))) {
                            body.put(Long.toString(jobId), Map.of(time, Map.of("MinorStatus", "step " + step)));
                        }
                        step++;
                        if (Stack.callOnce("PATCH", "/api/jobs/status", token, body).status() == 200) {
                            acknowledged.incrementAndGet();
                        }
                    }
                }, "write-load-" + c);
                thread.setDaemon(true);
                thread.start();
                this.clients.add(thread);
            }
        }

        long acknowledged() {
            return acknowledged.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(70).toMillis());
            }
        }
    }
}

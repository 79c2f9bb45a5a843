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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/jobs/events} through the entry point: events arrive as they happen, only those of
 * jobs the caller may see and asked for, and a client that reconnects with the last id it received
 * gets what it missed, each event once.
 */
class EventStreamIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String alice = "stream-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String bob = "stream-b-" + UUID.randomUUID().toString().substring(0, 8);
    private final String aliceToken = token(alice, "NormalUser");
    private final String bobToken = token(bob, "NormalUser");

    /** One Server-Sent Event. */
    record Sse(String id, String event, String data) {
        JsonNode json() {
            try {
                return Stack.JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        long jobId() {
            return json().path("subject").asLong(-1);
        }

        String type() {
            return json().path("type").asText();
        }
    }

    /** A client of the stream: its events, read on a thread of their own, until it is closed. */
    static final class Subscriber implements AutoCloseable {
        final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
        final List<Sse> all = Collections.synchronizedList(new ArrayList<>());
        private final Stream<String> lines;
        final int status;

        Subscriber(String token, String query, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.BASE_URL + "/api/jobs/events" + query))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            lines = response.body();
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            String[] current = new String[3];
            try {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (current[2] != null) {
                            Sse event = new Sse(current[0], current[1], current[2]);
                            all.add(event);
                            events.add(event);
                        }
                        Arrays.fill(current, null);
                    } else if (line.startsWith("id:")) {
                        current[0] = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        current[1] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        current[2] = (current[2] == null ? "" : current[2] + "\n") + line.substring(5).strip();
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }

        /** The next event of the job, waiting for it. */
        Sse next(long jobId, String type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Sse event = events.poll(1, TimeUnit.SECONDS);
                if (event != null && event.jobId() == jobId && event.type().equals(type)) {
                    return event;
                }
            }
            throw new AssertionError("no " + type + " of job " + jobId + " within " + WAIT + "; received " + all);
        }

        List<Long> jobsSeen() {
            synchronized (all) {
                return all.stream().map(Sse::jobId).toList();
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    private long submit(String token) {
        return call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\"; JobGroup = \"streamed\";"))
                .json().get(0).get("JobID").asLong();
    }

    private void setStatus(String token, long jobId, String status) {
        assertThat(call("PATCH", "/api/jobs/status", token,
                Map.of(String.valueOf(jobId), Map.of(Instant.now().toString(), Map.of("Status", status)))).status())
                .isEqualTo(200);
    }

    @Test
    void anOwnerSeesTheirJobsEventsAsTheyHappenAndNoOneElseDoes() throws Exception {
        try (Subscriber aliceStream = new Subscriber(aliceToken, "", null);
             Subscriber bobStream = new Subscriber(bobToken, "", null)) {
            assertThat(aliceStream.status).isEqualTo(200);
            long job = submit(aliceToken);
            Sse submitted = aliceStream.next(job, "org.jobstream.job.submitted.v1");
            assertThat(submitted.json().path("data").path("owner").asText()).isEqualTo(alice);
            assertThat(submitted.id()).matches("\\d+(\\.\\d+)*");

            setStatus(aliceToken, job, "Checking");
            Sse updated = aliceStream.next(job, "org.jobstream.job.status-updated.v1");
            assertThat(updated.json().path("data").path("status").asText()).isEqualTo("Checking");

            long bobsJob = submit(bobToken);
            bobStream.next(bobsJob, "org.jobstream.job.submitted.v1");
            Thread.sleep(1000);
            assertThat(bobStream.jobsSeen()).as("bob's stream").doesNotContain(job).contains(bobsJob);
            assertThat(aliceStream.jobsSeen()).as("alice's stream").doesNotContain(bobsJob);
        }
    }

    @Test
    void filtersKeepOnlyTheJobsAndStatusesAskedFor() throws Exception {
        long followed = submit(aliceToken);
        long other = submit(aliceToken);
        try (Subscriber stream = new Subscriber(aliceToken, "?job_id=" + followed + "&status=Checking", null)) {
            setStatus(aliceToken, other, "Checking");
            setStatus(aliceToken, followed, "Checking");
            Sse checking = stream.next(followed, "org.jobstream.job.status-updated.v1");
            assertThat(checking.json().path("data").path("status").asText()).isEqualTo("Checking");
            setStatus(aliceToken, followed, "Waiting");
            Thread.sleep(1500);
            assertThat(stream.jobsSeen()).containsOnly(followed).hasSize(1);
        }
    }

    @Test
    void aClientThatReconnectsWithItsLastIdGetsWhatItMissedOnce() throws Exception {
        String lastId;
        long first = submit(aliceToken);
        try (Subscriber stream = new Subscriber(aliceToken, "", null)) {
            setStatus(aliceToken, first, "Checking");
            lastId = stream.next(first, "org.jobstream.job.status-updated.v1").id();
        }
        List<Long> missed = List.of(submit(aliceToken), submit(aliceToken), submit(aliceToken));
        setStatus(aliceToken, first, "Waiting");

        try (Subscriber resumed = new Subscriber(aliceToken, "", lastId)) {
            for (long job : missed) {
                resumed.next(job, "org.jobstream.job.submitted.v1");
            }
            resumed.next(first, "org.jobstream.job.status-updated.v1");
            Thread.sleep(1000);
            List<Sse> received = new ArrayList<>(resumed.all);
            assertThat(received).extracting(Sse::id).doesNotHaveDuplicates().doesNotContain(lastId);
            assertThat(received).filteredOn(event -> event.jobId() == first)
                    .extracting(event -> event.json().path("data").path("status").asText())
                    .as("the status change before the disconnect is not sent again").containsExactly("Waiting");
        }
    }

    @Test
    void aClientCanResumeFromTheStartOfTheTopic() throws Exception {
        long job = submit(aliceToken);
        String anId;
        try (Subscriber stream = new Subscriber(aliceToken, "", null)) {
            setStatus(aliceToken, job, "Checking");
            anId = stream.next(job, "org.jobstream.job.status-updated.v1").id();
        }
        String start = String.join(".", Collections.nCopies(anId.split("\\.").length, "0"));
        try (Subscriber fromStart = new Subscriber(aliceToken, "", start)) {
            fromStart.next(job, "org.jobstream.job.submitted.v1");
            fromStart.next(job, "org.jobstream.job.status-updated.v1");
        }
    }

    @Test
    void badRequestsAreRefusedBeforeAnyStreamOpens() throws Exception {
        try (Subscriber badId = new Subscriber(aliceToken, "", "not-an-id");
             Subscriber badStatus = new Subscriber(aliceToken, "?status=Sleeping", null)) {
            assertThat(badId.status).isEqualTo(422);
            assertThat(badStatus.status).isEqualTo(422);
        }
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(Stack.BASE_URL + "/api/jobs/events"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}

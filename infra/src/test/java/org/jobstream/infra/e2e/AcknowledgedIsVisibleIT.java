package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jobstream.api.ApiHeaders;
import org.jobstream.api.Limits;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.StatusRecord;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost or hidden (issue 13): input the pipeline could not carry is refused
 * with a 4xx before it becomes an event; ownership has one source; an event the read models cannot
 * apply is parked and reported, never silent, and applies once fixed; Elasticsearch refusing writes
 * for now is waited out, not parked; an event committed late, after thousands of others, is still
 * published; the services are reachable only through the entry point, their metrics only with a token.
 */
class AcknowledgedIsVisibleIT {

    private static final String PROJECTIONS = Stack.LOCAL.projectionsUrl();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String user = "acked-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String pilot = token("acked-pilot", "lhcb", "lhcb_pilot", Duration.ofHours(1), "GenericPilot");
    private final String admin = token("acked-admin", "JobAdministrator");

    private long submit(String jdl) {
        Stack.Answer answer = call("POST", "/api/jobs/jdl", token, List.of(jdl));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().get(0).get("JobID").asLong();
    }

    private JsonNode job(long jobId, String... fields) {
        Stack.Answer answer = call("POST", "/api/jobs/search", token, Map.of("parameters", List.of(fields),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId))));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json()).as("job %d found", jobId).hasSize(1);
        return answer.json().get(0);
    }

    // --------------------------------------------------------------------------------- too large

    @Test
    void aMetadataValueOrHeartbeatOutputBeyondTheLimitIsRefusedAndNothingChanges() {
        long jobId = submit("Executable = \"echo\";");
        String huge = "x".repeat(Limits.MAX_PARAMETER_VALUE_LENGTH + 1);

        Stack.Answer patch = call("PATCH", "/api/jobs/metadata", token, Map.of(String.valueOf(jobId), Map.of("Notes", huge)));
        assertThat(patch.status()).as(patch.text()).isEqualTo(400);
        assertThat(patch.text()).contains("longer than " + Limits.MAX_PARAMETER_VALUE_LENGTH);

        Stack.Answer beat = call("PATCH", "/api/jobs/heartbeat", pilot, Map.of(String.valueOf(jobId),
                Map.of("StandardOutput", "y".repeat(1_200_000))));
        assertThat(beat.status()).as(beat.text()).isBetween(400, 499);

        assertThat(job(jobId, "HeartBeatTime").get("HeartBeatTime").isNull()).isTrue();
        assertThat(eventsOf(jobId)).isEqualTo(1);
    }

    @Test
    void aSandboxReferenceTheReadModelCannotHoldIsRefused() {
        String longReference = "SB:SandboxSE|/S3/sandboxes/lhcb/lhcb_user/" + user + "/" + "d".repeat(200)
                + "/sha256:" + "a".repeat(64) + ".tar.bz2";
        Stack.Answer answer = call("POST", "/api/jobs/jdl", token,
                List.of("Executable = \"echo\"; InputSandbox = {\"" + longReference + "\"};"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.text()).contains("InputSandbox");
    }

    @Test
    void seventyThousandJobIdsAreADocumentedRefusalNotA500() {
        Map<String, Object> body = new LinkedHashMap<>();
        IntStream.range(0, 70_000).forEach(i -> body.put(String.valueOf(900_000_000L + i),
                Map.of(Instant.now().toString(), Map.of("MinorStatus", "x"))));
        Stack.Answer status = call("PATCH", "/api/jobs/status", pilot, body);
        assertThat(status.status()).as(status.text()).isEqualTo(413);
        assertThat(status.text()).contains(String.valueOf(Limits.MAX_JOB_IDS));

        Stack.Answer reschedule = call("POST", "/api/jobs/reschedule", admin, Map.of("job_ids",
                IntStream.range(0, 70_000).mapToObj(i -> 900_000_000L + i).toList()));
        assertThat(reschedule.status()).as(reschedule.text()).isEqualTo(413);
    }

    @Test
    void tenThousandJobIdsWork() {
        long jobId = submit("Executable = \"echo\";");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(String.valueOf(jobId), Map.of(Instant.now().toString(), Map.of("MinorStatus", "one of many")));
        IntStream.range(1, Limits.MAX_JOB_IDS).forEach(i -> body.put(String.valueOf(900_000_000L + i),
                Map.of(Instant.now().toString(), Map.of("MinorStatus", "x"))));
        Stack.Answer answer = call("PATCH", "/api/jobs/status", pilot, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("success")).hasSize(1);
        assertThat(answer.json().get("failed")).hasSize(Limits.MAX_JOB_IDS - 1);
        assertThat(Stack.callAfterAllWrites("POST", "/api/jobs/search", token, Map.of("parameters", List.of("MinorStatus"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)))).json()
                .get(0).get("MinorStatus").asText()).isEqualTo("one of many");
    }

    // ----------------------------------------------------------------------------- times, unicode

    /** Times finer than the stores keep are cut to the microsecond before they become events. */
    @Test
    void nanosecondsAreCutToTheMicrosecondSoTheReadModelsAgree() {
        long jobId = submit("Executable = \"echo\";");
        assertThat(call("PATCH", "/api/jobs/metadata", token, Map.of(String.valueOf(jobId),
                Map.of("HeartBeatTime", "2026-12-03T10:00:00.123456789Z"))).status()).isEqualTo(204);
        assertThat(call("PATCH", "/api/jobs/status", pilot, Map.of(String.valueOf(jobId),
                Map.of("2026-12-03T10:00:01.987654321Z", Map.of("Status", "Checking")))).status()).isEqualTo(200);

        JsonNode job = Stack.callAfterAllWrites("POST", "/api/jobs/search", token, Map.of(
                "parameters", List.of("HeartBeatTime"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)))).json().get(0);
        assertThat(Instant.parse(job.get("HeartBeatTime").asText())).isEqualTo(Instant.parse("2026-12-03T10:00:00.123456Z"));
        List<JsonNode> stored = storedEvents(jobId);
        assertThat(stored.get(1).get("payload").toString()).contains("2026-12-03T10:00:00.123456Z").doesNotContain("123456789");
        assertThat(stored.get(2).get("payload").toString()).contains("2026-12-03T10:00:01.987654Z").doesNotContain("987654321");
    }

    @Test
    void timestampsOutOfRangeAreRefused() {
        long jobId = submit("Executable = \"echo\";");
        for (String time : List.of("1e300", "Infinity", "NaN", "-1e300", "+99999-01-01T00:00:00+00:00",
                "1800-01-01T00:00:00+00:00")) {
            Stack.Answer answer = call("PATCH", "/api/jobs/status", pilot, Map.of(String.valueOf(jobId),
                    Map.of(time, Map.of("Status", "Checking"))));
            assertThat(answer.status()).as(time + ": " + answer.text()).isEqualTo(422);
        }
        Stack.Answer patch = call("PATCH", "/api/jobs/metadata", token, Map.of(String.valueOf(jobId),
                Map.of("HeartBeatTime", "+300000-01-01T00:00:00Z")));
        assertThat(patch.status()).as(patch.text()).isBetween(400, 422);

        Stack.Answer later = call("PATCH", "/api/jobs/status", pilot, Map.of(String.valueOf(jobId),
                Map.of(Instant.now().toString(), Map.of("Status", "Checking"))));
        assertThat(later.status()).isEqualTo(200);
        assertThat(Stack.callAfterAllWrites("POST", "/api/jobs/search", token, Map.of("parameters", List.of("Status"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)))).json()
                .get(0).get("Status").asText()).as("a later update still changes the job").isEqualTo("Checking");
    }

    @Test
    void aLoneSurrogateIsRefusedAndNoJobIsCreated() {
        long before = jobsOf(user);
        Stack.Answer answer = Stack.send("POST", "/api/jobs/jdl", token,
                "[\"Executable = \\\"echo\\\"; JobName = \\\"half \\ud800 a character\\\";\"]".getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(422);
        assertThat(answer.json().get("detail").get(0).get("msg").asText()).contains("surrogate");
        assertThat(jobsOf(user)).isEqualTo(before);

        Stack.Answer nul = Stack.send("PATCH", "/api/jobs/metadata", token,
                "{\"1\": {\"Notes\": \"a\\u0000b\"}}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(nul.status()).isEqualTo(422);
    }

    // ---------------------------------------------------------------------------------- ownership

    @Test
    void ownershipCannotBePatchedAndCommandsAndReadsAgreeOnIt() {
        long jobId = submit("Executable = \"echo\";");
        for (String attribute : List.of("Owner", "OwnerGroup", "VO", "JobID")) {
            Stack.Answer answer = call("PATCH", "/api/jobs/metadata", admin, Map.of(String.valueOf(jobId),
                    Map.of(attribute, "mallory")));
            assertThat(answer.status()).as(attribute + ": " + answer.text()).isEqualTo(400);
        }
        assertThat(job(jobId, "Owner", "VO").get("Owner").asText()).isEqualTo(user);
        String other = token("mallory-" + UUID.randomUUID().toString().substring(0, 6), "NormalUser");
        assertThat(call("PATCH", "/api/jobs/metadata", other, Map.of(String.valueOf(jobId), Map.of("Site", "x")))
                .status()).isEqualTo(403);
        assertThat(call("GET", "/api/jobs/" + jobId + "/history", other, null).status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------ history

    @Test
    void historyChecksAccessFirstAndIsPaginated() {
        long jobId = submit("Executable = \"echo\";");
        for (int i = 0; i < 5; i++) {
            call("PATCH", "/api/jobs/status", pilot, Map.of(String.valueOf(jobId),
                    Map.of(Instant.now().plusMillis(i).toString(), Map.of("MinorStatus", "step " + i))));
        }
        Stack.Answer first = call("GET", "/api/jobs/" + jobId + "/history?per_page=2", token, null);
        assertThat(first.status()).isEqualTo(206);
        assertThat(first.header("Content-Range")).contains("events 0-1/6");
        assertThat(first.json()).hasSize(2);
        Stack.Answer last = call("GET", "/api/jobs/" + jobId + "/history?per_page=2&page=3", token, null);
        assertThat(last.header("Content-Range")).contains("events 4-5/6");
        assertThat(last.json().get(1).get("sequence").asLong()).isEqualTo(5);
        assertThat(call("GET", "/api/jobs/" + jobId + "/history?per_page=2&page=4", token, null).status()).isEqualTo(416);
        assertThat(call("GET", "/api/jobs/" + jobId + "/history", token, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/jobs/" + jobId + "/history?per_page=0", token, null).status()).isEqualTo(422);
    }

    // ----------------------------------------------------------------------------------- concurrency

    @Test
    void aThousandJobsMovedByFiftyClientsAreAllSeenByTheOwnersNextSearch() {
        List<Long> jobs = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            Stack.Answer answer = call("POST", "/api/jobs/jdl", token, Collections.nCopies(20, "Executable = \"echo\";"));
            answer.json().forEach(job -> jobs.add(job.get("JobID").asLong()));
        }
        Instant t = Instant.now();
        List<CompletableFuture<Integer>> clients = IntStream.range(0, 50).mapToObj(c -> CompletableFuture.supplyAsync(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            for (long jobId : jobs.subList(c * 20, c * 20 + 20)) {
                body.put(String.valueOf(jobId), Map.of(t.toString(), Map.of("Status", "Checking"),
                        t.plusMillis(1).toString(), Map.of("Status", "Waiting")));
            }
            return call("PATCH", "/api/jobs/status", token, body).status();
        })).toList();
        clients.forEach(client -> assertThat(client.join()).isEqualTo(200));

        Stack.Answer search = call("POST", "/api/jobs/search?per_page=2000", token, Map.of("parameters", List.of("Status"),
                "search", List.of(Map.of("parameter", "Status", "operator", "eq", "value", "Waiting"))));
        assertThat(search.status()).as(search.text()).isEqualTo(200);
        assertThat(search.json()).hasSize(1000);
    }

    // ------------------------------------------------------------------------------- dead letters

    /**
     * An event the read models cannot apply (here a status change of a job whose submission is not
     * in the read models: written straight into the event store, as a faulty tool might) is parked,
     * counted in the health endpoint and in query answers, and listed by ./jobstream dead-letters;
     * once the missing submission is in the store, --replay applies it and nothing is left.
     */
    @Test
    void anEventTheReadModelsCannotApplyIsReportedAndAppliesOnceFixed() throws Exception {
        long orphan = freshJobIds(1).get(0); // an ID no job has
        Instant t = Instant.now();
        insertEvent(orphan, 1, new JobStatusUpdated(orphan,
                List.of(new StatusRecord(JobStatus.CHECKING, "orphan", StatusRecord.IDEM, t, "tool")), true,
                JobStatus.CHECKING, "orphan", "Unknown", null, null, null, t, t));

        await("the orphan event is parked").atMost(Duration.ofMinutes(1)).until(() -> unresolvedDeadLetters() >= 1);
        Stack.Answer search = call("POST", "/api/jobs/search", token, Map.of());
        assertThat(search.header(ApiHeaders.DEAD_LETTERS)).hasValueSatisfying(n -> assertThat(Long.parseLong(n)).isPositive());
        String listed = runExpectingExit(1, "dead-letters");
        assertThat(listed).contains("job " + orphan, "RESULT DIFFERENCES");
        assertThat(Stack.jobstream(Duration.ofMinutes(1), "status")).contains("could not be applied to the read models");

        insertEvent(orphan, 0, submitted(orphan, t.minusSeconds(1)));
        await("the late submission is applied").atMost(Duration.ofMinutes(1)).until(() -> callAdmin(orphan) == 1);

        String replayed = Stack.jobstream(Duration.ofMinutes(2), "dead-letters", "--replay");
        assertThat(replayed).contains("applied #", "RESULT OK");
        assertThat(unresolvedDeadLetters()).isZero();
        assertThat(Stack.callAfterAllWrites("POST", "/api/jobs/search", admin, Map.of("parameters", List.of("MinorStatus"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", orphan)))).json()
                .get(0).get("MinorStatus").asText()).isEqualTo("orphan");
    }

    /** Elasticsearch refusing writes for now (a read-only block, as at its disk's flood stage) is waited out, not parked. */
    @Test
    void writesRefusedByElasticsearchForNowAreRetriedNotParked() throws Exception {
        long parkedBefore = unresolvedDeadLetters();
        Stack.blockIndexWrites(true);
        try {
            long jobId = submit("Executable = \"echo\"; JobName = \"while blocked\";");
            // the batch fails and is retried; give it a few rounds
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(unresolvedDeadLetters()).isEqualTo(parkedBefore);
            Stack.blockIndexWrites(false);
            assertThat(job(jobId, "JobName").get("JobName").asText()).isEqualTo("while blocked");
        } finally {
            Stack.blockIndexWrites(false);
        }
        assertThat(unresolvedDeadLetters()).isEqualTo(parkedBefore);
    }

    // --------------------------------------------------------------------------------- late commit

    /**
     * A transaction that took its position early and commits after more than 10,000 later events
     * (Axon's default gap limit, past which the publisher would have skipped it for ever): its job
     * is still published and found.
     */
    @Test
    void anEventCommittedLateAfterTenThousandOthersIsStillPublished() throws Exception {
        List<Long> ids = freshJobIds(10_501);
        long base = ids.get(0);
        try (Connection late = Stack.database()) {
            late.setAutoCommit(false);
            insertEvent(late, ids.get(0), 0, submitted(ids.get(0), Instant.now()));
            // 10,500 events committed after it took its position
            try (Connection others = Stack.database()) {
                others.setAutoCommit(false);
                for (int i = 1; i <= 10_500; i++) {
                    insertEvent(others, ids.get(i), 0, submitted(ids.get(i), Instant.now()));
                    if (i % 1000 == 0) {
                        others.commit();
                    }
                }
                others.commit();
            }
            late.commit();
        }
        Stack.Answer found = Stack.send("POST", "/api/jobs/search", admin, Stack.JSON.writeValueAsBytes(Map.of(
                "parameters", List.of("JobID"), "search", List.of(Map.of("parameter", "JobID", "operator", "eq",
                        "value", base)))), Map.of(ApiHeaders.POSITION, Long.toString(head())));
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.json()).as("the job committed late").hasSize(1);
    }

    // ---------------------------------------------------------------------------------- exposure

    @Test
    void metricsNeedATokenAndTheServicesListenOnLoopbackOnly() throws Exception {
        String commandService = Stack.LOCAL.commandUrl();
        assertThat(get(commandService + "/actuator/prometheus", null)).isEqualTo(401);
        assertThat(get(commandService + "/actuator/prometheus", token)).isEqualTo(403);
        assertThat(get(commandService + "/actuator/prometheus", admin)).isEqualTo(200);
        assertThat(get(commandService + "/actuator/health", null)).isEqualTo(200);

        Optional<InetAddress> external = externalAddress();
        if (external.isPresent()) {
            for (String service : List.of(Stack.LOCAL.commandUrl(), Stack.LOCAL.queryUrl(), Stack.LOCAL.projectionsUrl())) {
                int port = URI.create(service).getPort();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(external.get(), port), 2000);
                    throw new AssertionError("port " + port + " answers on " + external.get());
                } catch (IOException refused) {
                    // not listening there: as it should be
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------- helpers

    private static Optional<InetAddress> externalAddress() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }

    private static int get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int callAdmin(long jobId) {
        return Stack.callAfterAllWrites("POST", "/api/jobs/search", admin, Map.of("parameters", List.of("JobID"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)))).json().size();
    }

    private long jobsOf(String owner) {
        return call("POST", "/api/jobs/search", token, Map.of("parameters", List.of("JobID"))).json().size();
    }

    private static String runExpectingExit(int code, String... arguments) {
        try {
            Stack.jobstream(Duration.ofMinutes(1), arguments);
            throw new AssertionError("./jobstream " + String.join(" ", arguments) + " exited 0, not " + code);
        } catch (AssertionError e) {
            assertThat(e.getMessage()).contains("exited " + code);
            return e.getMessage();
        }
    }

    private static long unresolvedDeadLetters() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(PROJECTIONS + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Stack.JSON.readTree(health.body()).at("/components/deadLetters/details/unresolved").asLong();
    }

    private static long eventsOf(long jobId) {
        return storedEvents(jobId).size();
    }

    /** The job's stored events as {sequence, type, payload}. */
    private static List<JsonNode> storedEvents(long jobId) {
        try (Connection db = Stack.database()) {
            List<JsonNode> events = new ArrayList<>();
            for (EventTableRows.Row row : EventTableRows.rowsOf(db, jobId)) {
                events.add(Stack.JSON.createObjectNode().put("sequence", row.sequence()).put("type", row.payloadType())
                        .set("payload", Stack.JSON.readTree(row.payload())));
            }
            return events;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Job IDs no job has, from the command side's own sequence. */
    private static List<Long> freshJobIds(int count) throws Exception {
        try (Connection db = Stack.database();
             PreparedStatement next = db.prepareStatement(
                     "SELECT nextval('eventstore.job_id_seq') FROM generate_series(1, ?) ORDER BY 1")) {
            next.setInt(1, count);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = next.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static long head() throws Exception {
        try (Connection db = Stack.database()) {
            return EventTableRows.head(db);
        }
    }

    /** A submission as the command side stores it (times to the microsecond). */
    private JobSubmitted submitted(long jobId, Instant at) {
        return new JobSubmitted(jobId, user, "lhcb_user", "lhcb", "written-by-a-tool", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", JobAttribute.storedPrecision(at), "[ Executable = \"echo\"; ]",
                List.of(), List.of());
    }

    private static void insertEvent(long jobId, long sequence, JobEvent event) throws Exception {
        try (Connection db = Stack.database()) {
            insertEvent(db, jobId, sequence, event);
        }
    }

    /** An event written straight into Axon's table, as the command side would have stored it. */
    private static void insertEvent(Connection db, long jobId, long sequence, JobEvent event) throws Exception {
        EventTableRows.append(db, List.of(new EventTableRows.Row(null, String.valueOf(jobId), sequence,
                UUID.randomUUID().toString(), Instant.now().toString(), event.getClass().getName(),
                JobEventType.of(event).storedRevision(), Stack.JSON.writeValueAsBytes(event),
                Stack.JSON.writeValueAsBytes(Map.of()))));
    }
}

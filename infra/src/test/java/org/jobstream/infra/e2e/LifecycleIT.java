package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The job life cycle through the entry point: status updates with the state machine, heartbeats,
 * job commands, reschedule, metadata, and the WMS policy on each.
 */
class LifecycleIT {

    private final String user = "lena-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String pilot = token("pilot", "lhcb", "lhcb_pilot", java.time.Duration.ofHours(1), "GenericPilot");
    private final String admin = token("root", "JobAdministrator");

    private long submit() {
        return call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\";")).json().get(0).get("JobID").asLong();
    }

    private Stack.Answer setStatus(String who, long jobId, Instant time, Map<String, String> update, boolean force) {
        return call("PATCH", "/api/jobs/status?force=" + force, who, Map.of(String.valueOf(jobId), Map.of(time.toString(), update)));
    }

    private JsonNode job(long jobId, String... parameters) {
        // Users, pilots and administrators write in these tests: read after all their writes.
        Stack.Answer answer = Stack.callAfterAllWrites("POST", "/api/jobs/search", admin, Map.of(
                "parameters", List.of(parameters),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId))));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().get(0);
    }

    @Test
    void aLegalTransitionChangesTheStatusAndIsLogged() {
        long jobId = submit();

        Stack.Answer answer = setStatus(token, jobId, Instant.now(), Map.of("Status", "Checking", "MinorStatus", "JobPath"), false);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode change = answer.json().get("success").get(String.valueOf(jobId));
        assertThat(change.get("Status").asText()).isEqualTo("Checking");
        assertThat(change.get("MinorStatus").asText()).isEqualTo("JobPath");
        assertThat(change.has("HeartBeatTime")).isTrue();
        JsonNode job = job(jobId, "Status", "MinorStatus", "LoggingInfo");
        assertThat(job.get("Status").asText()).isEqualTo("Checking");
        assertThat(job.get("LoggingInfo")).hasSize(2);
        assertThat(job.get("LoggingInfo").get(1).get("Status").asText()).isEqualTo("Checking");
    }

    @Test
    void oneRequestUpdatesManyJobsAndARefusedJobFailsAlone() {
        long first = submit();
        long refused = submit();
        long last = submit();
        Map<String, String> update = Map.of("Status", "Checking", "MinorStatus", "JobPath");
        String time = Instant.now().toString();

        Stack.Answer answer = call("PATCH", "/api/jobs/status", token, Map.of(
                String.valueOf(first), Map.of(time, update),
                String.valueOf(refused), Map.of(time, Map.of("Status", "Checking", "MinorStatus", "x".repeat(129))),
                String.valueOf(last), Map.of(time, update)));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("success").fieldNames()).toIterable()
                .containsExactlyInAnyOrder(String.valueOf(first), String.valueOf(last));
        assertThat(answer.json().get("failed").get(String.valueOf(refused)).get("detail").asText())
                .isEqualTo("MinorStatus is longer than 128 characters");
        assertThat(job(first, "Status").get("Status").asText()).isEqualTo("Checking");
        assertThat(job(last, "Status").get("Status").asText()).isEqualTo("Checking");
        assertThat(job(refused, "Status", "LoggingInfo").get("LoggingInfo")).as("nothing recorded for the refused job").hasSize(1);
        assertThat(job(refused, "Status").get("Status").asText()).isEqualTo("Received");
    }

    @Test
    void anIllegalTransitionLeavesTheStatusAndMarksTheRecordUnlessForced() {
        long jobId = submit();

        JsonNode refused = setStatus(token, jobId, Instant.now(), Map.of("Status", "Running", "MinorStatus", "Starting"), false).json();
        assertThat(refused.get("success").get(String.valueOf(jobId)).get("Status").asText()).isEqualTo("Received");
        assertThat(job(jobId, "Status", "MinorStatus").get("MinorStatus").asText()).isEqualTo("Starting");
        JsonNode logging = job(jobId, "LoggingInfo").get("LoggingInfo");
        assertThat(logging.get(logging.size() - 1).get("Source").asText()).endsWith("(SM)");

        JsonNode forced = setStatus(token, jobId, Instant.now().plusMillis(5), Map.of("Status", "Running"), true).json();
        assertThat(forced.get("success").get(String.valueOf(jobId)).get("Status").asText()).isEqualTo("Running");
        assertThat(job(jobId, "Status").get("Status").asText()).isEqualTo("Running");
        assertThat(job(jobId, "StartExecTime").get("StartExecTime").isNull()).isFalse();
    }

    @Test
    void anOlderUpdateArrivingLateIsLoggedButDoesNotChangeTheStatus() {
        long jobId = submit();
        Instant now = Instant.now();
        setStatus(token, jobId, now, Map.of("Status", "Failed", "MinorStatus", "Timeout"), true);

        Stack.Answer late = setStatus(token, jobId, now.minusSeconds(120), Map.of("Status", "Checking"), false);

        assertThat(late.status()).isEqualTo(200);
        JsonNode job = job(jobId, "Status", "LoggingInfo");
        assertThat(job.get("Status").asText()).isEqualTo("Failed");
        assertThat(job.get("LoggingInfo").findValuesAsText("Status")).contains("Checking");
    }

    @Test
    void badTimestampsAndUnknownJobsAreRefused() {
        long jobId = submit();

        Stack.Answer naive = call("PATCH", "/api/jobs/status", token,
                Map.of(String.valueOf(jobId), Map.of("2026-01-01T00:00:00", Map.of("Status", "Checking"))));
        Stack.Answer badStatus = setStatus(token, jobId, Instant.now(), Map.of("Status", "Flying"), false);
        Stack.Answer unknown = setStatus(admin, 999_999_999L, Instant.now(), Map.of("Status", "Checking"), false);
        Stack.Answer mixed = call("PATCH", "/api/jobs/status", admin, Map.of(
                String.valueOf(jobId), Map.of(Instant.now().toString(), Map.of("MinorStatus", "x")),
                "999999999", Map.of(Instant.now().toString(), Map.of("MinorStatus", "x"))));

        assertThat(naive.status()).isEqualTo(400);
        assertThat(naive.json().get("detail").asText()).contains("not timezone aware");
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").get("failed").get("999999999").get("detail").asText()).isEqualTo("Not found");
        assertThat(mixed.status()).isEqualTo(200);
        assertThat(mixed.json().get("failed").get("999999999").get("detail").asText()).isEqualTo("Not found");
        assertThat(mixed.json().get("success").has(String.valueOf(jobId))).isTrue();
    }

    @Test
    void anotherUsersJobCannotBeTouchedAndNothingChanges() {
        long jobId = submit();
        String mallory = token("mallory-" + UUID.randomUUID().toString().substring(0, 6), "NormalUser");

        assertThat(setStatus(mallory, jobId, Instant.now(), Map.of("Status", "Killed"), true).status()).isEqualTo(403);
        assertThat(call("PATCH", "/api/jobs/heartbeat", mallory, Map.of(String.valueOf(jobId), Map.of("LoadAverage", 1.0))).status())
                .isEqualTo(403);
        assertThat(call("POST", "/api/jobs/reschedule", mallory, Map.of("job_ids", List.of(jobId))).status()).isEqualTo(403);
        assertThat(call("PATCH", "/api/jobs/metadata", mallory, Map.of(String.valueOf(jobId), Map.of("UserPriority", 9))).status())
                .isEqualTo(403);
        assertThat(setStatus(mallory, 999_999_999L, Instant.now(), Map.of("Status", "Killed"), true).status()).isEqualTo(403);
        assertThat(setStatus(token("nobody"), jobId, Instant.now(), Map.of("Status", "Killed"), true).status()).isEqualTo(403);
        JsonNode job = job(jobId, "Status", "UserPriority", "RescheduleCounter");
        assertThat(job.get("Status").asText()).isEqualTo("Received");
        assertThat(job.get("UserPriority").asInt()).isEqualTo(1);
        assertThat(job.get("RescheduleCounter").asInt()).isZero();
    }

    @Test
    void pilotsAndAdministratorsManageAnyJob() {
        long jobId = submit();

        assertThat(setStatus(pilot, jobId, Instant.now(), Map.of("Status", "Checking"), false).status()).isEqualTo(200);
        assertThat(setStatus(admin, jobId, Instant.now().plusMillis(5), Map.of("Status", "Waiting"), false).status()).isEqualTo(200);
        assertThat(call("PATCH", "/api/jobs/heartbeat", pilot, Map.of(String.valueOf(jobId), Map.of("LoadAverage", 1.0))).status())
                .isEqualTo(200);
        assertThat(job(jobId, "Status").get("Status").asText()).isEqualTo("Waiting");
    }

    @Test
    void aHeartbeatStoresItsValuesAndStartsAMatchedJob() {
        long jobId = submit();
        setStatus(admin, jobId, Instant.now(), Map.of("Status", "Matched"), true);

        Stack.Answer beat = call("PATCH", "/api/jobs/heartbeat", pilot, Map.of(String.valueOf(jobId),
                Map.of("LoadAverage", 2.5, "MemoryUsed", 1024.0, "StandardOutput", "all good")));

        assertThat(beat.status()).isEqualTo(200);
        assertThat(beat.json()).isEmpty();
        JsonNode job = job(jobId, "Status", "HeartBeatTime", "LoadAverage", "StandardOutput");
        assertThat(job.get("Status").asText()).isEqualTo("Running");
        assertThat(job.get("HeartBeatTime").isNull()).isFalse();
        assertThat(job.get("LoadAverage").asText()).isEqualTo("2.5");
        assertThat(job.get("StandardOutput").asText()).isEqualTo("all good");
        JsonNode byParameter = Stack.callAfterAllWrites("POST", "/api/jobs/search", admin, Map.of("parameters", List.of("JobID"), "search", List.of(
                Map.of("parameter", "JobID", "operator", "eq", "value", jobId),
                Map.of("parameter", "LoadAverage", "operator", "gt", "value", 2)))).json();
        assertThat(byParameter).hasSize(1);
    }

    @Test
    void aKilledJobGetsItsKillCommandWithTheNextHeartbeatOnce() {
        long jobId = submit();
        setStatus(admin, jobId, Instant.now(), Map.of("Status", "Running"), true);
        setStatus(token, jobId, Instant.now().plusMillis(5), Map.of("Status", "Killed", "MinorStatus", "Marked for killing"), false);

        JsonNode first = call("PATCH", "/api/jobs/heartbeat", pilot, Map.of(String.valueOf(jobId), Map.of("CPUConsumed", 1.0))).json();
        JsonNode second = call("PATCH", "/api/jobs/heartbeat", pilot, Map.of(String.valueOf(jobId), Map.of("CPUConsumed", 2.0))).json();

        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("job_id").asLong()).isEqualTo(jobId);
        assertThat(first.get(0).get("command").asText()).isEqualTo("Kill");
        assertThat(first.get(0).get("arguments").asText()).isEmpty();
        assertThat(second).isEmpty();
    }

    @Test
    void heartbeatsRefuseUnknownFieldsAndUnknownJobs() {
        long jobId = submit();

        assertThat(call("PATCH", "/api/jobs/heartbeat", pilot, Map.of(String.valueOf(jobId), Map.of("Mood", "happy"))).status())
                .isEqualTo(422);
        assertThat(call("PATCH", "/api/jobs/heartbeat", pilot, Map.of("999999999", Map.of("LoadAverage", 1.0))).status())
                .isEqualTo(404);
    }

    @Test
    void rescheduleBeyondMaximumFailsTheJob() {
        long jobId = submit();
        Map<String, Object> body = Map.of("job_ids", List.of(jobId));

        for (int counter = 1; counter <= 3; counter++) {
            Stack.Answer answer = call("POST", "/api/jobs/reschedule", token, body);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode entry = answer.json().get("success").get(String.valueOf(jobId));
            assertThat(entry.get("RescheduleCounter").asInt()).isEqualTo(counter);
            assertThat(entry.get("Status").asText()).isEqualTo("Received");
            assertThat(entry.get("MinorStatus").asText()).isEqualTo("Job Rescheduled");
        }
        Stack.Answer fourth = call("POST", "/api/jobs/reschedule", token, body);

        assertThat(fourth.status()).isEqualTo(400);
        assertThat(fourth.json().get("detail").get("failed").get(String.valueOf(jobId)).get("detail").asText())
                .isEqualTo("Maximum number of reschedules exceeded (3)");
        JsonNode job = job(jobId, "Status", "MinorStatus", "RescheduleCounter");
        assertThat(job.get("Status").asText()).isEqualTo("Failed");
        assertThat(job.get("MinorStatus").asText()).isEqualTo("Maximum of reschedulings reached");
        Stack.Answer reset = call("POST", "/api/jobs/reschedule?reset_jobs=true", token, body);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("success").get(String.valueOf(jobId)).get("RescheduleCounter").asInt()).isZero();
    }

    @Test
    void aFailedJobIsRescheduledBackToReceived() {
        long jobId = submit();
        setStatus(token, jobId, Instant.now(), Map.of("Status", "Failed"), false);

        Stack.Answer answer = call("POST", "/api/jobs/reschedule", token, Map.of("job_ids", List.of(jobId)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(job(jobId, "Status").get("Status").asText()).isEqualTo("Received");
    }

    @Test
    void metadataSetsTypedAttributesAndFreeParameters() {
        long jobId = submit();

        Stack.Answer answer = call("PATCH", "/api/jobs/metadata", token, Map.of(String.valueOf(jobId), Map.of(
                "UserPriority", 2, "Site", "LCG.CERN.ch", "AccountedFlag", "Failed", "HostName", "wn042", "CPUNormalizationFactor", "10")));

        assertThat(answer.status()).isEqualTo(204);
        JsonNode job = job(jobId, "UserPriority", "Site", "AccountedFlag", "HostName", "CPUNormalizationFactor");
        assertThat(job.get("UserPriority").asInt()).isEqualTo(2);
        assertThat(job.get("Site").asText()).isEqualTo("LCG.CERN.ch");
        assertThat(job.get("AccountedFlag").asText()).isEqualTo("Failed");
        assertThat(job.get("HostName").asText()).isEqualTo("wn042");
        assertThat(job.get("CPUNormalizationFactor").asText()).isEqualTo("10");
    }

    @Test
    void metadataWithABadValueChangesNothingInAnyJob() {
        long first = submit();
        long second = submit();

        Stack.Answer answer = call("PATCH", "/api/jobs/metadata", token, Map.of(
                String.valueOf(first), Map.of("UserPriority", 5),
                String.valueOf(second), Map.of("UserPriority", "high")));

        assertThat(answer.status()).isIn(400, 422);
        assertThat(answer.json().get("detail")).isNotNull();
        assertThat(job(first, "UserPriority").get("UserPriority").asInt()).isEqualTo(1);
        assertThat(call("PATCH", "/api/jobs/metadata", admin, Map.of("999999999", Map.of("UserPriority", 5))).status())
                .isEqualTo(404);
    }

    @Test
    void concurrentUpdatesOfOneJobAreAllKept() {
        long jobId = submit();
        Instant base = Instant.now();

        List<CompletableFuture<Stack.Answer>> updates = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> setStatus(token, jobId, base.plusMillis(i),
                        Map.of("MinorStatus", "step " + i), false)))
                .toList();

        updates.forEach(update -> assertThat(update.join().status()).isEqualTo(200));
        assertThat(job(jobId, "LoggingInfo").get("LoggingInfo")).hasSize(13);
        assertThat(job(jobId, "MinorStatus").get("MinorStatus").asText()).isEqualTo("step 11");
    }
}

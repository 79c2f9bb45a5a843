package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.HeartbeatReceivedV1;
import org.jobstream.events.JobStatus;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.Test;

/**
 * A store that holds heartbeats of both versions, as every store does after the upgrade that
 * introduced {@code heartbeat-received.v2}: first-version rows written as the service wrote them
 * before, then a heartbeat through the API. The job takes commands, its history, the read models
 * (fed through the publisher and Kafka) and a rebuild all see the second version, and the check
 * finds no difference between the live read models and a replay of the store.
 */
class EventVersionsIT {

    private final String user = "ver-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String pilot = token("pilot", "GenericPilot");

    @Test
    void firstVersionHeartbeatsInTheStoreAreReadAsTheSecondEverywhere() throws Exception {
        long jobId = call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\";")).json().get(0)
                .get("JobID").asLong();
        Instant submitted = Instant.parse(call("GET", "/api/jobs/" + jobId + "/history", token, null).json()
                .get(0).get("payload").get("submissionTime").asText());
        Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(30);
        List<HeartbeatReceivedV1> stored = new ArrayList<>();
        List<EventTableRows.Row> rows = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Instant at = first.plusSeconds(n);
            HeartbeatReceivedV1 v1 = new HeartbeatReceivedV1(jobId, at, Map.of("LoadAverage", n + ".5"), null,
                    JobStatus.RECEIVED, "Job accepted", "Unknown", null, null, at, submitted);
            rows.add(new EventTableRows.Row(null, Long.toString(jobId), n + 1L, UUID.randomUUID().toString(),
                    at.toString(), HeartbeatReceived.class.getName(), null, Stack.JSON.writeValueAsBytes(v1),
                    "{}".getBytes()));
            stored.add(v1);
        }
        try (Connection db = Stack.database()) {
            EventTableRows.append(db, rows);
        }

        // The command service may hold the job at its submission: its append then loses to the rows
        // above, and the command is retried on the store's state, which it reads through the upcaster.
        Stack.Answer beat = call("PATCH", "/api/jobs/heartbeat", pilot,
                Map.of(Long.toString(jobId), Map.of("CPUConsumed", 42.0)));
        assertThat(beat.status()).as(beat.text()).isEqualTo(200);

        JsonNode history = call("GET", "/api/jobs/" + jobId + "/history", token, null).json();
        assertThat(history).hasSize(5);
        for (int seq = 1; seq <= 4; seq++) {
            JsonNode event = history.get(seq);
            assertThat(event.get("type").asText()).isEqualTo("HeartbeatReceived");
            assertThat(event.get("payload").fieldNames()).toIterable()
                    .containsExactly("jobId", "time", "parameters", "statusChange");
            assertThat(event.get("payload").get("statusChange").isNull()).isTrue();
        }
        assertThat(history.get(1).get("payload").get("time").asText()).isEqualTo(stored.get(0).time().toString());

        JsonNode job = Stack.callAfterAllWrites("POST", "/api/jobs/search", token, Map.of(
                "parameters", List.of("JobID", "HeartBeatTime", "LoadAverage", "CPUConsumed"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)))).json().get(0);
        assertThat(Instant.from(DateTimeFormatter.ISO_DATE_TIME.withZone(ZoneOffset.UTC)
                .parse(job.get("HeartBeatTime").asText()))).isAfter(stored.get(2).time());
        assertThat(job.get("LoadAverage").asText()).isEqualTo("2.5");
        assertThat(job.get("CPUConsumed").asText()).startsWith("42");

        assertThat(Stack.jobstream(Duration.ofMinutes(10), "rebuild")).contains("RESULT OK rebuild");
        Stack.callAfterAllWrites("POST", "/api/jobs/search", token, Map.of());
        assertThat(Stack.jobstream(Duration.ofMinutes(10), "check")).contains("RESULT OK check: 0 differences");
    }
}

package org.jobstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.jobstream.events.JobStatus;
import org.jobstream.events.cloud.JobEventCodec;
import org.junit.jupiter.api.Test;

/** The answers of the status and heartbeat commands in DiracX's JSON shape. */
class ApiRecordsJsonTest {

    private final ObjectMapper mapper = JobEventCodec.defaultMapper();

    @Test
    void jobCommandUsesDiracxSnakeCaseNames() throws Exception {
        String json = mapper.writeValueAsString(new JobCommand(7, "Kill", ""));

        assertThat(json).isEqualTo("{\"job_id\":7,\"command\":\"Kill\",\"arguments\":\"\"}");
        assertThat(mapper.readValue(json, JobCommand.class)).isEqualTo(new JobCommand(7, "Kill", ""));
    }

    @Test
    void statusChangeAlwaysWritesItsSevenKeysWithNullForUnchanged() throws Exception {
        JobStatusChange change = new JobStatusChange(JobStatus.KILLED, "Marked as killed", null, null, null,
                Instant.parse("2025-05-25T07:10:00Z"), Instant.parse("2025-05-25T07:10:01.123456Z"));

        String json = mapper.writeValueAsString(change);

        assertThat(json).isEqualTo("{\"Status\":\"Killed\",\"MinorStatus\":\"Marked as killed\","
                + "\"ApplicationStatus\":null,\"HeartBeatTime\":null,\"StartExecTime\":null,"
                + "\"EndExecTime\":\"2025-05-25T07:10:00Z\",\"LastUpdateTime\":\"2025-05-25T07:10:01.123456Z\"}");
        assertThat(mapper.readValue(json, JobStatusChange.class)).isEqualTo(change);
    }
}

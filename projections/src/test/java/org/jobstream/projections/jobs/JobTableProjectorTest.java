package org.jobstream.projections.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.JobState;
import org.jobstream.events.JobStatus;
import org.jobstream.events.SampleEvents;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Recorded event streams replayed into the PostgreSQL read model, with duplicates and redelivery. */
class JobTableProjectorTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");

    private JdbcClient jdbc;
    private JobTableProjector projector;
    private JobDocuments documents;

    @BeforeEach
    void freshReadModel() throws Exception {
        jdbc = ReadModelDatabase.fresh();
        projector = new JobTableProjector(jdbc);
        documents = new JobDocuments(jdbc);
    }

    static RecordedJobEvent submitted(long jobId, long position) {
        return new RecordedJobEvent("event-" + jobId + "-0", new JobSubmitted(jobId, "alice", "lhcb_user", "lhcb",
                "job-" + jobId, "User", "00000000", "ANY", 1, JobStatus.RECEIVED, "Job accepted", "Unknown",
                "JobManager", T0, "[ JobID = " + jobId + "; ]", List.of(), List.of()), 0, position, T0);
    }

    @Test
    void aSubmissionBecomesAJobRowAndItsFirstStatusRecord() {
        assertThat(projector.apply(submitted(7, 1))).isTrue();

        Map<String, Object> job = documents.load(List.of(7L)).get(0).fields();
        assertThat(job).containsEntry("JobID", 7L).containsEntry("Owner", "alice").containsEntry("Status", "Received")
                .containsEntry("MinorStatus", "Job accepted").containsEntry("ApplicationStatus", "Unknown")
                .containsEntry("SubmissionTime", T0.toString()).containsEntry("LastUpdateTime", T0.toString())
                .containsEntry("RescheduleCounter", 0L).containsEntry("VerifiedFlag", true)
                .containsEntry("AccountedFlag", false).containsEntry("StartExecTime", null);
        assertThat(jdbc.sql("SELECT status, source FROM job_logging WHERE job_id = 7")
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).list())
                .containsExactly("Received/JobManager");
    }

    @ParameterizedTest
    @EnumSource(JobEventType.class)
    void everyEventTypeIsProjected(JobEventType type) {
        projector.apply(submitted(7, 1));
        JobEvent event = SampleEvents.of(type, 7);
        boolean changed = projector.apply(new RecordedJobEvent("event-7-1", event, type == JobEventType.SUBMITTED ? 0 : 1,
                2, T0));
        assertThat(changed).isEqualTo(type != JobEventType.SUBMITTED);
        JobState expected = JobState.replayed(type == JobEventType.SUBMITTED ? List.of(SampleEvents.submitted(7))
                : List.of(SampleEvents.submitted(7), event));
        assertThat(documents.load(List.of(7L)).get(0).fields()).containsAllEntriesOf(expected.toApi());
    }

    @Test
    void aBatchWritesEachJobOnceInItsNewestStateAndLogsEveryRecord() {
        RecordedJobEvent status = new RecordedJobEvent("e-7-1", SampleEvents.of(JobEventType.STATUS_UPDATED, 7), 1, 2, T0);
        RecordedJobEvent patch = new RecordedJobEvent("e-7-2", SampleEvents.of(JobEventType.METADATA_PATCHED, 7), 2, 3, T0);
        RecordedJobEvent beat = new RecordedJobEvent("e-7-3", SampleEvents.of(JobEventType.HEARTBEAT_RECEIVED, 7), 3, 4, T0);

        Map<Long, JobRows.StoredJob> changed = projector.apply(List.of(submitted(7, 1), status, patch, beat, submitted(8, 5)));

        assertThat(changed.keySet()).containsExactly(7L, 8L);
        assertThat(changed.get(7L).eventSeq()).isEqualTo(3);
        Map<String, Object> job = documents.load(List.of(7L)).get(0).fields();
        // the heartbeat set HeartBeatTime and left the status the update set (a .v2 heartbeat carries no status values)
        assertThat(job).containsEntry("Status", "Checking").containsEntry("UserPriority", 3L)
                .containsEntry("Site", "LCG.CERN.cern")
                .containsEntry("HeartBeatTime", ((HeartbeatReceived) beat.event()).time().toString());
        assertThat(job.get("Parameters")).isEqualTo(Map.of("GridCE", "ce.cern.ch", "LoadAverage", "2.5"));
        assertThat(jdbc.sql("SELECT status FROM job_logging WHERE job_id = 7 ORDER BY event_seq, record_no")
                .query(String.class).list()).containsExactly("Received", "Checking");
        assertThat(jdbc.sql("SELECT event_seq, event_position FROM jobs WHERE job_id = 7")
                .query((rs, n) -> rs.getLong(1) + "@" + rs.getLong(2)).single()).isEqualTo("3@4");

        assertThat(projector.apply(List.of(status, patch, beat))).as("redelivered").isEmpty();
    }

    @Test
    void anEventOfAJobTheReadModelDoesNotHaveIsRefused() {
        RecordedJobEvent orphan = new RecordedJobEvent("e-9-1", SampleEvents.of(JobEventType.STATUS_UPDATED, 9), 1, 2, T0);
        assertThatThrownBy(() -> projector.apply(orphan)).isInstanceOf(JobTableProjector.UnknownJobException.class)
                .hasMessageContaining("job 9");
    }

    @Test
    void theJobsTableHasAColumnForEveryAttributeAndItsStatementsWriteThemAll() {
        List<String> columns = jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'jobs' "
                + "AND table_schema = current_schema()").query(String.class).list();
        for (JobAttribute attribute : JobAttribute.values()) {
            assertThat(columns).as("column of " + attribute).contains(attribute.column());
            assertThat(JobRows.SELECT).contains(attribute.column());
            assertThat(JobRows.INSERT).contains(":" + attribute.column() + "::");
            if (attribute != JobAttribute.JOB_ID) {
                assertThat(JobRows.UPDATE).contains(attribute.column() + " = u." + attribute.column());
            }
            if (attribute.type() == JobAttribute.Type.STRING) {
                int width = jdbc.sql("SELECT character_maximum_length FROM information_schema.columns WHERE table_name = "
                        + "'jobs' AND table_schema = current_schema() AND column_name = :c")
                        .param("c", attribute.column()).query(Integer.class).single();
                assertThat(width).as("width of " + attribute).isGreaterThanOrEqualTo(attribute.maxLength());
            }
        }
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        projector.apply(submitted(7, 1));

        assertThat(projector.apply(submitted(7, 1))).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_logging").query(Long.class).single()).isEqualTo(1);
    }
}

package org.jobstream.projections.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    @Test
    void aRedeliveredEventChangesNothing() {
        projector.apply(submitted(7, 1));

        assertThat(projector.apply(submitted(7, 1))).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_logging").query(Long.class).single()).isEqualTo(1);
    }
}

package org.jobstream.command.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jobstream.api.IdempotencyKey;
import org.jobstream.command.config.AxonJobStore;
import org.jobstream.commands.SubmissionKey;
import org.jobstream.commands.SubmitJob;
import org.jobstream.commands.SubmitJobs;
import org.jobstream.events.JobStatus;
import org.jobstream.store.EventTableRows;
import org.jobstream.store.SubmissionKeys;
import org.jobstream.store.SubmissionKeys.Claim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A submission's idempotency key and its jobs' events commit in one PostgreSQL transaction, as the
 * command bus runs the handler (a unit of work with a Spring transaction attached), on a real
 * PostgreSQL with Axon's JDBC event storage: both or neither.
 */
class SubmissionInOneTransactionTest {

    private static final SubmissionKey KEY = new SubmissionKey("alice", "lhcb", new IdempotencyKey("k-1"), "f");

    private final AxonJobStore store = AxonJobStore.fresh(100);
    private final JdbcClient jdbc = JdbcClient.create(store.pool);
    private final SubmissionKeys keys = new SubmissionKeys(jdbc, Duration.ofHours(24));
    private final JobSubmissionHandler handler = new JobSubmissionHandler(store.jobs(), keys);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theKeyAndTheJobsEventsCommitTogether() throws Exception {
        Claim claim = store.inUnitOfWork(() -> handler.handle(new SubmitJobs(List.of(job(1), job(2)), KEY)));

        assertThat(claim).isEqualTo(Claim.CLAIMED);
        assertThat(keys.find("alice", "lhcb", "k-1").orElseThrow().jobIds()).containsExactly(1L, 2L);
        assertThat(eventsOf(1L, 2L)).isEqualTo(2);
    }

    @Test
    void aSubmissionWhoseEventsCannotBeAppendedLeavesNoKey() throws Exception {
        store.submit(2, JobStatus.RECEIVED); // job 2's first event is taken: the append below fails at commit

        assertThatThrownBy(() -> store.inUnitOfWork(() -> handler.handle(new SubmitJobs(List.of(job(1), job(2)), KEY))));

        assertThat(keys.find("alice", "lhcb", "k-1")).as("the key rolled back with the events").isEmpty();
        assertThat(eventsOf(1L)).isZero();
        assertThat(store.inUnitOfWork(() -> handler.handle(new SubmitJobs(List.of(job(3)), KEY))))
                .as("a retry can use the key").isEqualTo(Claim.CLAIMED);
        assertThat(eventsOf(3L)).isEqualTo(1);
    }

    @Test
    void aTakenKeyCreatesNoJob() throws Exception {
        store.inUnitOfWork(() -> handler.handle(new SubmitJobs(List.of(job(1)), KEY)));

        Claim again = store.inUnitOfWork(() -> handler.handle(new SubmitJobs(List.of(job(5)), KEY)));

        assertThat(again).isEqualTo(Claim.TAKEN);
        assertThat(eventsOf(5L)).isZero();
        assertThat(keys.find("alice", "lhcb", "k-1").orElseThrow().jobIds()).containsExactly(1L);
    }

    @Test
    void aSubmissionWithoutAKeyRecordsNone() throws Exception {
        assertThat(store.inUnitOfWork(() -> handler.handle(new SubmitJobs(List.of(job(1)))))).isEqualTo(Claim.CLAIMED);

        assertThat(eventsOf(1L)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM submission_keys").query(Long.class).single()).isZero();
    }

    private long eventsOf(Long... jobIds) throws SQLException {
        try (Connection db = store.pool.getConnection()) {
            return EventTableRows.storedOf(db, List.of(jobIds)).events();
        }
    }

    private static SubmitJob job(long jobId) {
        return new SubmitJob(jobId, "alice", "lhcb_user", "lhcb", "job", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", AxonJobStore.T0, "[ Executable = \"echo\"; ]", List.of(), List.of());
    }
}

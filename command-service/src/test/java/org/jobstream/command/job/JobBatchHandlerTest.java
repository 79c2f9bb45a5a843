package org.jobstream.command.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.command.job.JobHistory.IDEM;
import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.NOW;
import static org.jobstream.command.job.JobHistory.T1;
import static org.jobstream.command.job.JobHistory.T2;
import static org.jobstream.command.job.JobHistory.reached;
import static org.jobstream.command.job.JobHistory.submitted;
import static org.jobstream.command.job.JobHistory.update;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.RecordHeartbeat;
import org.jobstream.commands.RecordHeartbeats;
import org.jobstream.commands.StatusUpdate;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.commands.UpdateJobStatuses;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.StatusRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch commands of a status or heartbeat request: each job's outcome is its own, and a
 * refused job appends nothing. (The fixture holds one job; several jobs in one unit of work are
 * exercised end to end, against the real event store.)
 */
class JobBatchHandlerTest {

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    @BeforeEach
    void registerTheBatchHandler() {
        fixture.registerAnnotatedCommandHandler(new JobBatchHandler(fixture.getRepository()));
    }

    @Test
    void aStatusBatchAppliesEachJobsUpdateAndAnswersPerJob() {
        fixture.given(submitted(), reached(JobStatus.WAITING))
                .when(new UpdateJobStatuses(List.of(new UpdateJobStatus(JOB,
                        List.of(update(T2, JobStatus.MATCHED, "Assigned", "Matcher")), false, NOW))))
                .expectEvents(new JobStatusUpdated(JOB, List.of(new StatusRecord(JobStatus.MATCHED, "Assigned", IDEM, T2,
                        "Matcher")), false, JobStatus.MATCHED, "Assigned", "Unknown", null, null, null, NOW, NOW))
                .expectResultMessagePayload(Map.of(JOB, JobOutcome.success(
                        new JobStatusChange(JobStatus.MATCHED, "Assigned", null, null, null, null, NOW))));
    }

    @Test
    void aRefusedUpdateFailsOnlyItsJobAndAppendsNothing() {
        String tooLong = "x".repeat(StatusUpdatePlan.MAX_MINOR_STATUS + 1);
        fixture.given(submitted(), reached(JobStatus.WAITING))
                .when(new UpdateJobStatuses(List.of(new UpdateJobStatus(JOB,
                        List.of(new StatusUpdate(T2, JobStatus.MATCHED, tooLong, null, "Matcher")), false, NOW))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.<Map<Long, JobOutcome<?>>>matches(outcomes ->
                        outcomes.size() == 1 && outcomes.get(JOB).failure() instanceof InvalidJobUpdateException));
    }

    @Test
    void aHeartbeatBatchRecordsEachJobsHeartbeat() {
        fixture.given(submitted(), reached(JobStatus.RUNNING))
                .when(new RecordHeartbeats(List.of(new RecordHeartbeat(JOB, Map.of("Vsize", "1234.0"), NOW))))
                .expectEvents(new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1234.0"), null))
                .expectResultMessagePayload(Map.of(JOB, JobOutcome.success(List.of())));
    }

    @Test
    void aLostRaceOrADatabaseFailureIsNoRefusal() {
        assertThat(Refusals.isRefusalThroughout(new InvalidJobUpdateException("bad"))).isTrue();
        assertThat(Refusals.isRefusalThroughout(new IllegalStateException("wrapped", new SQLException("down")))).isFalse();
        assertThat(Refusals.isRefusalThroughout(new ConcurrencyException("lost the race"))).isFalse();
    }
}

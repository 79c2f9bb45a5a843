package org.jobstream.command.job;

import static org.jobstream.command.job.JobHistory.IDEM;
import static org.jobstream.command.job.JobHistory.JDL;
import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.NOW;
import static org.jobstream.command.job.JobHistory.T1;
import static org.jobstream.command.job.JobHistory.T2;
import static org.jobstream.command.job.JobHistory.killQueued;
import static org.jobstream.command.job.JobHistory.reached;
import static org.jobstream.command.job.JobHistory.submitted;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.PatchJobMetadata;
import org.jobstream.commands.RescheduleJob;
import org.jobstream.events.JobRescheduled;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.QueuedCommand;
import org.jobstream.events.StatusRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobRescheduleTest {

    private static final int MAX = RescheduleJob.DEFAULT_MAX_RESCHEDULES;

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    private static RescheduleJob reschedule(Instant at) {
        return new RescheduleJob(JOB, false, MAX, at);
    }

    private static JobRescheduled rescheduled(int counter, Instant at, List<QueuedCommand> dropped) {
        return new JobRescheduled(JOB, counter, at, List.of(
                new StatusRecord(JobStatus.RESCHEDULED, IDEM, IDEM, at, "Unknown"),
                new StatusRecord(JobStatus.RECEIVED, "Job Rescheduled", "Unknown", at, "Unknown")),
                JobStatus.RECEIVED, "Job Rescheduled", "Unknown", at, dropped);
    }

    private static RescheduleOutcome.Rescheduled success(int counter, Instant at) {
        return new RescheduleOutcome.Rescheduled(JOB, JDL, "ANY", 1, at, counter,
                new JobStatusChange(JobStatus.RECEIVED, "Job Rescheduled", "Unknown", null, null, null, at));
    }

    @Test
    void rescheduleReturnsTheJobToReceivedAndCountsIt() {
        fixture.given(submitted(), reached(JobStatus.RUNNING))
                .when(reschedule(NOW))
                .expectEvents(rescheduled(1, NOW, List.of()))
                .expectResultMessagePayload(success(1, NOW));
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"FAILED", "KILLED", "DONE", "RECEIVED", "STALLED"})
    void rescheduleBringsAJobBackFromAnyStatusButDeleted(JobStatus from) {
        fixture.given(submitted(), reached(from))
                .when(reschedule(NOW))
                .expectEvents(rescheduled(1, NOW, List.of()))
                .expectResultMessagePayload(success(1, NOW));
    }

    @Test
    void rescheduleDropsAKillStillWaitingForTheKilledRun() {
        fixture.given(submitted(), reached(JobStatus.KILLED), killQueued(T1))
                .when(reschedule(NOW))
                .expectEvents(rescheduled(1, NOW, List.of(new QueuedCommand("Kill", "", T1))));
    }

    @Test
    void theThirdRescheduleStillSucceeds() {
        fixture.given(submitted(), rescheduled(1, T1, List.of()), rescheduled(2, T2, List.of()))
                .when(reschedule(NOW))
                .expectEvents(rescheduled(3, NOW, List.of()))
                .expectResultMessagePayload(success(3, NOW));
    }

    @Test
    void rescheduleBeyondMaximumFailsTheJob() {
        // DiracX test_insert_and_reschedule: counters 1, 2, 3, then the fourth is refused
        fixture.given(submitted())
                .andGivenCommands(reschedule(T1), reschedule(T2), reschedule(T2.plusSeconds(1)))
                .when(reschedule(NOW))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.FAILED, "Maximum of reschedulings reached", "Unknown", NOW,
                                "Unknown")),
                        true, JobStatus.FAILED, "Maximum of reschedulings reached", "Unknown", null, NOW, null, NOW,
                        NOW))
                .expectResultMessagePayload(new RescheduleOutcome.Refused(JOB,
                        "Maximum number of reschedules exceeded (3)",
                        new JobStatusChange(JobStatus.FAILED, "Maximum of reschedulings reached", "Unknown", null, null,
                                NOW, NOW)));
    }

    @Test
    void aFailedJobPastTheMaximumStaysFailedWithTheReason() {
        fixture.given(submitted(), rescheduled(3, T1, List.of()), reached(JobStatus.FAILED, T2))
                .when(reschedule(NOW))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.FAILED, "Maximum of reschedulings reached", "Unknown", NOW,
                                "Unknown")),
                        true, JobStatus.FAILED, "Maximum of reschedulings reached", "Unknown", null, NOW, null, NOW,
                        NOW));
    }

    @Test
    void resetJobsSetsTheCounterToZeroEvenPastTheMaximum() {
        fixture.given(submitted(), rescheduled(3, T1, List.of()), reached(JobStatus.FAILED, T2))
                .when(new RescheduleJob(JOB, true, MAX, NOW))
                .expectEvents(rescheduled(0, NOW, List.of()))
                .expectResultMessagePayload(success(0, NOW));
    }

    @Test
    void theMaximumComesWithTheCommand() {
        fixture.given(submitted())
                .when(new RescheduleJob(JOB, false, 0, NOW))
                .expectResultMessagePayload(new RescheduleOutcome.Refused(JOB,
                        "Maximum number of reschedules exceeded (0)",
                        new JobStatusChange(JobStatus.FAILED, "Maximum of reschedulings reached", "Unknown", null, null,
                                NOW, NOW)));
    }

    @Test
    void anUnverifiedJobIsNotRescheduled() {
        fixture.given(submitted())
                .andGivenCommands(new PatchJobMetadata(JOB, Map.of("VerifiedFlag", false), Map.of(), T1))
                .when(reschedule(NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new RescheduleOutcome.Refused(JOB,
                        "VerifiedFlag is False: Status Received, Minor Status: Job accepted", null));
    }

    @Test
    void aDeletedJobIsNotRescheduled() {
        fixture.given(submitted(), reached(JobStatus.DELETED))
                .when(reschedule(NOW))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new RescheduleOutcome.Refused(JOB, "Deleted jobs cannot be rescheduled", null));
    }

    @Test
    void aRescheduledJobTakesStatusUpdatesFromTheRescheduleTimeOn() {
        fixture.given(submitted(), reached(JobStatus.FAILED, T1), rescheduled(1, T2, List.of()))
                .andGivenCommands(new org.jobstream.commands.UpdateJobStatus(JOB, List.of(
                        JobHistory.update(T2.minus(Duration.ofSeconds(1)), JobStatus.CHECKING, "Stale", "Optimizer")),
                        false, NOW))
                .when(reschedule(NOW))
                .expectEvents(rescheduled(2, NOW, List.of()));
    }
}

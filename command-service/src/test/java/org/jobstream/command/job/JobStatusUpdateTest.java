package org.jobstream.command.job;

import static org.jobstream.command.job.JobHistory.IDEM;
import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.NOW;
import static org.jobstream.command.job.JobHistory.SUBMITTED;
import static org.jobstream.command.job.JobHistory.T1;
import static org.jobstream.command.job.JobHistory.T2;
import static org.jobstream.command.job.JobHistory.T3;
import static org.jobstream.command.job.JobHistory.T4;
import static org.jobstream.command.job.JobHistory.killQueued;
import static org.jobstream.command.job.JobHistory.reached;
import static org.jobstream.command.job.JobHistory.submitted;
import static org.jobstream.command.job.JobHistory.update;

import java.time.Duration;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.StatusUpdate;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.StatusRecord;
import org.junit.jupiter.api.Test;

/** The status request rules beyond the state machine: time order, history, times, Kill. */
class JobStatusUpdateTest {

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    private static UpdateJobStatus request(StatusUpdate... updates) {
        return new UpdateJobStatus(JOB, List.of(updates), false, NOW);
    }

    @Test
    void updatesAreAppliedInTimestampOrderWhateverOrderTheyArriveIn() {
        fixture.given(submitted(), reached(JobStatus.WAITING))
                .when(request(
                        new StatusUpdate(T4, JobStatus.DONE, "Execution Complete", "Success", "JobWrapper"),
                        update(T2, JobStatus.MATCHED, "Assigned", "Matcher"),
                        update(T3, JobStatus.RUNNING, "Application", "JobWrapper")))
                .expectEvents(new JobStatusUpdated(JOB, List.of(
                                new StatusRecord(JobStatus.MATCHED, "Assigned", IDEM, T2, "Matcher"),
                                new StatusRecord(JobStatus.RUNNING, "Application", IDEM, T3, "JobWrapper"),
                                new StatusRecord(JobStatus.DONE, "Execution Complete", "Success", T4, "JobWrapper")),
                        false, JobStatus.DONE, "Execution Complete", "Success", T3, T4, T4, NOW, NOW))
                .expectResultMessagePayload(
                        new JobStatusChange(JobStatus.DONE, "Execution Complete", "Success", T4, T3, T4, NOW));
    }

    @Test
    void updateOlderThanTheLatestRecordIsOnlyLogged() {
        // DiracX issue 476: forced to Failed at T3, then an update from two minutes before
        fixture.given(submitted(), reached(JobStatus.FAILED, T3))
                .when(request(update(T3.minus(Duration.ofMinutes(2)), JobStatus.CHECKING, "Late", "Optimizer")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.CHECKING, "Late", IDEM, T3.minus(Duration.ofMinutes(2)),
                                "Optimizer")),
                        false, JobStatus.FAILED, "Reached", "Unknown", null, null, null, T3, NOW))
                .expectResultMessagePayload(JobStatusChange.NONE);
    }

    @Test
    void onlyTheUpdatesAtOrAfterTheLatestRecordDecideTheStatus() {
        fixture.given(submitted(), reached(JobStatus.CHECKING, T2))
                .when(request(
                        update(T1, JobStatus.FAILED, "Too late", "Optimizer"),
                        update(T2, JobStatus.WAITING, "Pilot Agent Submission", "Optimizer")))
                .expectEvents(new JobStatusUpdated(JOB, List.of(
                                new StatusRecord(JobStatus.FAILED, "Too late", IDEM, T1, "Optimizer"),
                                new StatusRecord(JobStatus.WAITING, "Pilot Agent Submission", IDEM, T2, "Optimizer")),
                        false, JobStatus.WAITING, "Pilot Agent Submission", "Unknown", null, T1, null, NOW, NOW))
                // the old Failed still proposes EndExecTime, as DiracX computes it from every update
                .expectResultMessagePayload(
                        new JobStatusChange(JobStatus.WAITING, "Pilot Agent Submission", null, null, null, T1, NOW));
    }

    @Test
    void forceDoesNotBypassTheTimestampRule() {
        fixture.given(submitted(), reached(JobStatus.DONE, T3))
                .when(new UpdateJobStatus(JOB, List.of(update(T2, JobStatus.RUNNING, "Old", "User")), true, NOW))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.RUNNING, "Old", IDEM, T2, "User")),
                        true, JobStatus.DONE, "Reached", "Unknown", T2, null, null, T3, NOW))
                .expectResultMessagePayload(new JobStatusChange(null, null, null, null, T2, null, null));
    }

    @Test
    void anUpdateWithoutStatusKeepsTheStatusAndIsLoggedAsIdem() {
        fixture.given(submitted())
                .when(request(new StatusUpdate(T1, null, null, "Downloading input", null)))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(null, IDEM, "Downloading input", T1, "Unknown")),
                        false, JobStatus.RECEIVED, "Job accepted", "Downloading input", null, null, null, NOW, NOW))
                .expectResultMessagePayload(
                        new JobStatusChange(JobStatus.RECEIVED, null, "Downloading input", null, null, null, NOW));
    }

    @Test
    void receivedToRunningIsRefusedButTheMinorStatusIsStillSet() {
        // DiracX test_set_job_status_cannot_make_impossible_transitions, and its StartExecTime quirk
        fixture.given(submitted())
                .when(request(update(T1, JobStatus.RUNNING, "JobPath", "Unknown")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.RECEIVED, "JobPath", IDEM, T1, "Unknown(SM)")),
                        false, JobStatus.RECEIVED, "JobPath", "Unknown", T1, null, null, NOW, NOW))
                .expectResultMessagePayload(new JobStatusChange(JobStatus.RECEIVED, "JobPath", null, null, T1, null, NOW));
    }

    @Test
    void aStalledJobIsTreatedAsRunningSoAnyFreshUpdateRevivesIt() {
        fixture.given(submitted(), reached(JobStatus.STALLED))
                .when(request(update(T2, null, "Still alive", "Pilot")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(null, "Still alive", IDEM, T2, "Pilot")),
                        false, JobStatus.RUNNING, "Still alive", "Unknown", null, null, null, NOW, NOW))
                .expectResultMessagePayload(
                        new JobStatusChange(JobStatus.RUNNING, "Still alive", null, null, null, null, NOW));
    }

    @Test
    void stalledJobMayFinishAsARunningOneWould() {
        fixture.given(submitted(), reached(JobStatus.STALLED))
                .when(request(update(T2, JobStatus.DONE, "Execution Complete", "JobWrapper")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.DONE, "Execution Complete", IDEM, T2, "JobWrapper")),
                        false, JobStatus.DONE, "Execution Complete", "Unknown", null, T2, T2, NOW, NOW));
    }

    @Test
    void startAndEndExecTimesAreSetOnlyOnce() {
        JobStatusUpdated ranAndEnded = new JobStatusUpdated(JOB,
                List.of(new StatusRecord(JobStatus.FAILED, "Crashed", IDEM, T2, "JobWrapper")), true,
                JobStatus.FAILED, "Crashed", "Unknown", T1, T2, T2, T2, T2);

        fixture.given(submitted(), ranAndEnded)
                .when(new UpdateJobStatus(JOB, List.of(
                        update(T3, JobStatus.RUNNING, "Again", "User"),
                        update(T4, JobStatus.DONE, "Finished", "User")), true, NOW))
                .expectEvents(new JobStatusUpdated(JOB, List.of(
                                new StatusRecord(JobStatus.RUNNING, "Again", IDEM, T3, "User"),
                                new StatusRecord(JobStatus.DONE, "Finished", IDEM, T4, "User")),
                        true, JobStatus.DONE, "Finished", "Unknown", T1, T2, T2, NOW, NOW))
                .expectResultMessagePayload(new JobStatusChange(JobStatus.DONE, "Finished", null, null, null, null, NOW));
    }

    @Test
    void heartBeatTimeComesFromTheLatestUpdateWhoseSourceStartsWithJobOrIsHeartbeat() {
        fixture.given(submitted(), reached(JobStatus.RUNNING))
                .when(request(
                        update(T2, null, "Working", "JobWrapper"),
                        update(T3, null, "Beat", "Heartbeat"),
                        update(T4, null, "Looked at it", "Pilot")))
                .expectEvents(new JobStatusUpdated(JOB, List.of(
                                new StatusRecord(null, "Working", IDEM, T2, "JobWrapper"),
                                new StatusRecord(null, "Beat", IDEM, T3, "Heartbeat"),
                                new StatusRecord(null, "Looked at it", IDEM, T4, "Pilot")),
                        false, JobStatus.RUNNING, "Looked at it", "Unknown", null, null, T3, NOW, NOW))
                .expectResultMessagePayload(
                        new JobStatusChange(JobStatus.RUNNING, "Looked at it", null, T3, null, null, NOW));
    }

    @Test
    void aDeletedJobStaysDeletedWithoutForce() {
        fixture.given(submitted(), reached(JobStatus.DELETED), killQueued(T1))
                .when(request(update(T2, JobStatus.RECEIVED, "Back", "User")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.DELETED, "Back", IDEM, T2, "User(SM)")),
                        false, JobStatus.DELETED, "Back", "Unknown", null, null, null, NOW, NOW));
    }

    @Test
    void killingAJobQueuesAKillCommand() {
        fixture.given(submitted())
                .when(request(new StatusUpdate(T1, JobStatus.KILLED, "Marked as killed", "Job was killed by user",
                        "User")))
                .expectEvents(
                        new JobStatusUpdated(JOB, List.of(new StatusRecord(JobStatus.KILLED, "Marked as killed",
                                "Job was killed by user", T1, "User")), false, JobStatus.KILLED, "Marked as killed",
                                "Job was killed by user", null, T1, null, NOW, NOW),
                        killQueued(NOW))
                .expectResultMessagePayload(new JobStatusChange(JobStatus.KILLED, "Marked as killed",
                        "Job was killed by user", null, null, T1, NOW));
    }

    @Test
    void aJobWithAKillWaitingIsNotSentASecondOne() {
        fixture.given(submitted(), reached(JobStatus.KILLED), killQueued(T1))
                .when(request(update(T2, JobStatus.DELETED, "Removed", "User")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.DELETED, "Removed", IDEM, T2, "User")),
                        false, JobStatus.DELETED, "Removed", "Unknown", null, null, null, NOW, NOW));
    }

    @Test
    void theStateMachineMarkIsKeptWhenALongSourceIsCutToThirtyTwoCharacters() {
        String source = "JobWrapper@a-very-long-host-name.example.org";

        fixture.given(submitted())
                .when(request(update(T1, JobStatus.DONE, "Done?", source)))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.RECEIVED, "Done?", IDEM, T1, source.substring(0, 32))),
                        false, JobStatus.RECEIVED, "Done?", "Unknown", null, T1, T1, NOW, NOW));
    }

    @Test
    void anUpdateAtTheSubmissionTimeStillCounts() {
        fixture.given(submitted())
                .when(request(update(SUBMITTED, JobStatus.CHECKING, "JobPath", "Optimizer")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.CHECKING, "JobPath", IDEM, SUBMITTED, "Optimizer")),
                        false, JobStatus.CHECKING, "JobPath", "Unknown", null, null, null, NOW, NOW));
    }

    @Test
    void laterRequestsCompareWithTheRecordsOfEarlierOnes() {
        fixture.given(submitted())
                .andGivenCommands(request(update(T3, JobStatus.CHECKING, "JobPath", "Optimizer")))
                .when(request(update(T2, JobStatus.WAITING, "Too old", "Optimizer")))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.WAITING, "Too old", IDEM, T2, "Optimizer")),
                        false, JobStatus.CHECKING, "JobPath", "Unknown", null, null, null, NOW, NOW))
                .expectResultMessagePayload(JobStatusChange.NONE);
    }

    @Test
    void aRequestWithoutUpdatesIsRejected() {
        fixture.given(submitted())
                .when(new UpdateJobStatus(JOB, List.of(), false, NOW))
                .expectException(InvalidJobUpdateException.class)
                .expectNoEvents();
    }

    @Test
    void aMinorStatusLongerThanDiracxAllowsIsRejected() {
        fixture.given(submitted())
                .when(request(update(T1, null, "x".repeat(129), "User")))
                .expectException(InvalidJobUpdateException.class)
                .expectNoEvents();
    }
}

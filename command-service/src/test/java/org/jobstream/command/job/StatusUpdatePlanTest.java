package org.jobstream.command.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.StatusUpdate;
import org.jobstream.events.JobStatus;
import org.junit.jupiter.api.Test;

/** DIRAC's own tests of its status utility (test_JobStatusUtility.py), on the pure decision. */
class StatusUpdatePlanTest {

    private static final Instant LAST_RECORD = Instant.parse("2025-01-01T11:00:00Z");
    private static final Instant NOW = Instant.parse("2025-01-01T14:00:00Z");

    private static Instant at(String hourMinute) {
        return Instant.parse("2025-01-01T" + hourMinute + ":00Z");
    }

    private static JobStatusValues job(JobStatus status, Instant start, Instant end) {
        return new JobStatusValues(status, "minor", "app", start, end, null, LAST_RECORD);
    }

    private static StatusUpdate update(Instant at, JobStatus status, String minor, String application) {
        return new StatusUpdate(at, status, minor, application, "JobAgent");
    }

    @Test
    void withoutRunningOrAFinalStatusNoExecutionTimeIsSet() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD,
                List.of(update(at("12:00"), JobStatus.MATCHED, null, null)), false, NOW);

        assertThat(plan.change().startExecTime()).isNull();
        assertThat(plan.change().endExecTime()).isNull();
    }

    @Test
    void runningAndDoneSetStartAndEndTimes() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD, List.of(
                update(at("11:30"), JobStatus.WAITING, null, null),
                update(at("11:45"), JobStatus.MATCHED, null, null),
                update(at("12:00"), JobStatus.RUNNING, null, null),
                update(at("13:00"), JobStatus.DONE, null, null)), false, NOW);

        assertThat(plan.change().startExecTime()).isEqualTo(at("12:00"));
        assertThat(plan.change().endExecTime()).isEqualTo(at("13:00"));
    }

    @Test
    void anExistingStartTimeIsKeptWhileTheEndTimeIsSet() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.RUNNING, at("10:00"), null), LAST_RECORD,
                List.of(update(at("12:00"), JobStatus.RUNNING, null, null),
                        update(at("13:00"), JobStatus.DONE, null, null)), false, NOW);

        assertThat(plan.after().startExecTime()).isEqualTo(at("10:00"));
        assertThat(plan.change().startExecTime()).isNull();
        assertThat(plan.after().endExecTime()).isEqualTo(at("13:00"));
    }

    @Test
    void oneUpdateSetsStatusMinorAndApplicationStatus() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD,
                List.of(update(at("12:00"), JobStatus.MATCHED, "JobAgent", "Starting")), false, NOW);

        assertThat(plan.change()).isEqualTo(
                new JobStatusChange(JobStatus.MATCHED, "JobAgent", "Starting", at("12:00"), null, null, NOW));
    }

    @Test
    void updatesAllBeforeTheLatestRecordChangeNoStatus() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD,
                List.of(update(at("10:00"), JobStatus.MATCHED, "JobAgent", "Starting")), false, NOW);

        assertThat(plan.change().status()).isNull();
        assertThat(plan.change().minorStatus()).isNull();
        assertThat(plan.change().applicationStatus()).isNull();
        assertThat(plan.after().status()).isEqualTo(JobStatus.WAITING);
        assertThat(plan.records()).hasSize(1);
    }

    @Test
    void severalUpdatesWalkTheStateMachineToTheLast() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD, List.of(
                update(at("12:00"), JobStatus.MATCHED, "JobAgent", "Starting"),
                update(at("12:10"), JobStatus.RUNNING, "Application", "Running"),
                update(at("12:20"), JobStatus.DONE, "Execution Complete", "Success")), false, NOW);

        assertThat(plan.after().status()).isEqualTo(JobStatus.DONE);
        assertThat(plan.after().minorStatus()).isEqualTo("Execution Complete");
        assertThat(plan.after().applicationStatus()).isEqualTo("Success");
        assertThat(plan.records()).extracting(r -> r.source()).containsOnly("JobAgent");
    }

    @Test
    void forceSkipsTheStateMachine() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD,
                List.of(update(at("12:00"), JobStatus.DONE, null, null)), true, NOW);

        assertThat(plan.after().status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void withForceALaterUpdateWithoutStatusKeepsTheForcedStatus() {
        // DIRAC would fall back to Waiting at 12:10; the request clearly meant Done
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD, List.of(
                update(at("12:00"), JobStatus.DONE, null, null),
                update(at("12:10"), null, "Uploading output", null)), true, NOW);

        assertThat(plan.after().status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void aRefusedStatusStopsTheWalkWhereTheJobWas() {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(job(JobStatus.WAITING, null, null), LAST_RECORD, List.of(
                update(at("12:00"), JobStatus.RUNNING, null, null),
                update(at("12:10"), JobStatus.MATCHED, null, null)), false, NOW);

        assertThat(plan.records()).extracting(r -> r.status()).containsExactly(JobStatus.WAITING, JobStatus.MATCHED);
        assertThat(plan.records()).extracting(r -> r.source()).containsExactly("JobAgent(SM)", "JobAgent");
        assertThat(plan.after().status()).isEqualTo(JobStatus.MATCHED);
    }
}

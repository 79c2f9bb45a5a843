package org.jobstream.command.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.command.job.JobHistory.IDEM;
import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.NOW;
import static org.jobstream.command.job.JobHistory.SUBMITTED;
import static org.jobstream.command.job.JobHistory.T1;
import static org.jobstream.command.job.JobHistory.T2;
import static org.jobstream.command.job.JobHistory.reached;
import static org.jobstream.command.job.JobHistory.submitted;
import static org.jobstream.command.job.JobHistory.update;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jobstream.api.JobCommand;
import org.jobstream.commands.RecordHeartbeat;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.HeartbeatReceivedV1;
import org.jobstream.events.HeartbeatStatusChange;
import org.jobstream.events.JobCommandQueued;
import org.jobstream.events.JobCommandsDelivered;
import org.jobstream.events.JobState;
import org.jobstream.events.JobStatus;
import org.jobstream.events.QueuedCommand;
import org.jobstream.events.StatusRecord;
import org.junit.jupiter.api.Test;

class JobHeartbeatTest {

    private static final Instant LATER = NOW.plus(Duration.ofSeconds(1));
    private static final Instant LATEST = NOW.plus(Duration.ofSeconds(2));

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    private static RecordHeartbeat heartbeat(Instant at, Map<String, String> values) {
        return new RecordHeartbeat(JOB, values, at);
    }

    private static RecordHeartbeat heartbeat(Instant at) {
        return heartbeat(at, Map.of("Vsize", "1234.0"));
    }

    @Test
    void heartbeatSetsHeartBeatTimeAndRecordsItsValuesAsParameters() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LoadAverage", "2.5");
        values.put("MemoryUsed", "1024.0");
        values.put("Vsize", "2048.0");
        values.put("AvailableDiskSpace", "500.0");
        values.put("CPUConsumed", "75.0");
        values.put("WallClockTime", "3600.0");
        values.put("StandardOutput", "Job is running smoothly.");

        fixture.given(submitted(), reached(JobStatus.RUNNING))
                .when(heartbeat(NOW, values))
                .expectEvents(new HeartbeatReceived(JOB, NOW, values, null))
                .expectResultMessagePayload(List.of())
                .expectState(job -> assertStatusValues(job, JobStatus.RUNNING, "Reached", null, null, NOW, T1));
    }

    @Test
    void heartbeatMovesAMatchedJobToRunning() {
        fixture.given(submitted(), reached(JobStatus.MATCHED))
                .when(heartbeat(NOW))
                .expectEvents(new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1234.0"), new HeartbeatStatusChange(
                        new StatusRecord(JobStatus.RUNNING, IDEM, IDEM, NOW, "Heartbeat"),
                        JobStatus.RUNNING, "Reached", "Unknown", NOW, null, NOW)))
                .expectState(job -> assertStatusValues(job, JobStatus.RUNNING, "Reached", NOW, null, NOW, NOW));
    }

    @Test
    void heartbeatMovesAStalledJobBackToRunning() {
        fixture.given(submitted(), reached(JobStatus.STALLED))
                .when(heartbeat(NOW))
                .expectEvents(new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1234.0"), new HeartbeatStatusChange(
                        new StatusRecord(JobStatus.RUNNING, IDEM, IDEM, NOW, "Heartbeat"),
                        JobStatus.RUNNING, "Reached", "Unknown", NOW, null, NOW)));
    }

    @Test
    void heartbeatLeavesAnyOtherStatusAlone() {
        fixture.given(submitted())
                .when(heartbeat(NOW))
                .expectEvents(new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1234.0"), null))
                .expectState(job -> assertStatusValues(job, JobStatus.RECEIVED, "Job accepted", null, null, NOW,
                        SUBMITTED));
    }

    @Test
    void killQueuedByAStatusUpdateIsDeliveredByTheNextHeartbeat() {
        fixture.given(submitted(), reached(JobStatus.RUNNING))
                .andGivenCommands(new UpdateJobStatus(JOB,
                        List.of(update(T2, JobStatus.KILLED, "Marked for termination", "User")), false, NOW))
                .when(heartbeat(LATER))
                .expectEvents(
                        new HeartbeatReceived(JOB, LATER, Map.of("Vsize", "1234.0"), null),
                        new JobCommandsDelivered(JOB, List.of(new QueuedCommand("Kill", "", NOW)), LATER))
                .expectResultMessagePayload(List.of(new JobCommand(JOB, "Kill", "")))
                .expectState(job -> assertStatusValues(job, JobStatus.KILLED, "Marked for termination", null, T2,
                        LATER, NOW));
    }

    @Test
    void aKillIsDeliveredOnlyOnce() {
        fixture.given(submitted(), reached(JobStatus.RUNNING))
                .andGivenCommands(
                        new UpdateJobStatus(JOB, List.of(update(T2, JobStatus.KILLED, "Marked", "User")), false, NOW),
                        heartbeat(LATER))
                .when(heartbeat(LATEST))
                .expectEvents(new HeartbeatReceived(JOB, LATEST, Map.of("Vsize", "1234.0"), null))
                .expectResultMessagePayload(List.of())
                .expectState(job -> assertStatusValues(job, JobStatus.KILLED, "Marked", null, T2, LATEST, NOW));
    }

    @Test
    void deletingAJobAlsoSendsItAKill() {
        fixture.given(submitted())
                .andGivenCommands(new UpdateJobStatus(JOB,
                        List.of(update(T1, JobStatus.DELETED, "User removed job", "User")), false, NOW))
                .when(heartbeat(LATER))
                .expectResultMessagePayload(List.of(new JobCommand(JOB, "Kill", "")));
    }

    @Test
    void aJobThatWasNeverKilledGetsNoCommand() {
        // DiracX test_non_killed_status_does_not_create_command: Received -> Running is refused
        fixture.given(submitted())
                .andGivenCommands(new UpdateJobStatus(JOB,
                        List.of(update(T1, JobStatus.RUNNING, "Normal transition", "User")), false, NOW))
                .when(heartbeat(LATER))
                .expectResultMessagePayload(List.of());
    }

    @Test
    void aKillQueuedAfterTheLastHeartbeatWaitsForTheNextOne() {
        fixture.given(submitted(), reached(JobStatus.RUNNING), new JobCommandQueued(JOB, "Kill", "", T2))
                .when(heartbeat(NOW))
                .expectEvents(
                        new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1234.0"), null),
                        new JobCommandsDelivered(JOB, List.of(new QueuedCommand("Kill", "", T2)), NOW));
    }

    @Test
    void aJobWhoseHistoryHoldsFirstVersionHeartbeatsDecidesAsWithTheirSecondVersion() {
        HeartbeatReceivedV1 revived = new HeartbeatReceivedV1(JOB, NOW, Map.of("Vsize", "1.0"),
                new StatusRecord(JobStatus.RUNNING, IDEM, IDEM, NOW, "Heartbeat"), JobStatus.RUNNING, "Reached",
                "Unknown", NOW, null, NOW, NOW);
        HeartbeatReceivedV1 beat = new HeartbeatReceivedV1(JOB, LATER, Map.of("Vsize", "2.0"), null,
                JobStatus.RUNNING, "Reached", "Unknown", NOW, null, LATER, NOW);

        fixture.given(submitted(), reached(JobStatus.MATCHED), revived.upcast(), beat.upcast())
                .when(heartbeat(LATEST))
                .expectEvents(new HeartbeatReceived(JOB, LATEST, Map.of("Vsize", "1234.0"), null))
                .expectState(job -> assertStatusValues(job, JobStatus.RUNNING, "Reached", NOW, null, LATEST, NOW));
    }

    /** The job's status values after the command: a heartbeat's event no longer lists them. */
    private static void assertStatusValues(Job job, JobStatus status, String minorStatus, Instant startExecTime,
                                           Instant endExecTime, Instant heartBeatTime, Instant lastUpdateTime) {
        JobState state = job.state();
        assertThat(state.status()).isEqualTo(status);
        assertThat(state.minorStatus()).isEqualTo(minorStatus);
        assertThat(state.applicationStatus()).isEqualTo("Unknown");
        assertThat(state.startExecTime()).isEqualTo(startExecTime);
        assertThat(state.endExecTime()).isEqualTo(endExecTime);
        assertThat(state.heartBeatTime()).isEqualTo(heartBeatTime);
        assertThat(state.lastUpdateTime()).isEqualTo(lastUpdateTime);
    }

    @Test
    void heartbeatWithAnUnknownFieldIsRejected() {
        fixture.given(submitted())
                .when(heartbeat(NOW, Map.of("Temperature", "40")))
                .expectException(InvalidJobUpdateException.class)
                .expectNoEvents();
    }

    @Test
    void heartbeatWithATextWhereANumberBelongsIsRejected() {
        fixture.given(submitted())
                .when(heartbeat(NOW, Map.of("LoadAverage", "high")))
                .expectException(InvalidJobUpdateException.class)
                .expectNoEvents();
    }
}

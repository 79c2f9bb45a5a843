package org.jobstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How each event changes a job: the one definition the aggregate, the projector and history share. */
class JobStateTest {

    private static final long JOB = 4711;
    private static final Instant T = SampleEvents.SUBMITTED_AT.plusSeconds(60);

    @ParameterizedTest
    @EnumSource(JobEventType.class)
    void everyEventTypeHasARule(JobEventType type) {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        state.apply(SampleEvents.of(type, JOB));
        assertThat(state.jobId()).isEqualTo(JOB);
    }

    @Test
    void aSubmissionSetsEveryAttributeInItsType() {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        for (JobAttribute attribute : JobAttribute.values()) {
            Object value = state.get(attribute);
            if (value != null) {
                assertThat(value).as(attribute.wireName()).isInstanceOf(attribute.type().javaType());
            }
        }
        assertThat(state.toApi()).containsOnlyKeys(Arrays.stream(JobAttribute.values()).map(JobAttribute::wireName).toList())
                .containsEntry("JobID", JOB).containsEntry("Owner", "alice").containsEntry("Status", "Received")
                .containsEntry("SubmissionTime", SampleEvents.SUBMITTED_AT.toString())
                .containsEntry("LastUpdateTime", SampleEvents.SUBMITTED_AT.toString())
                .containsEntry("RescheduleCounter", 0L).containsEntry("VerifiedFlag", true)
                .containsEntry("AccountedFlag", false).containsEntry("StartExecTime", null);
        assertThat(state.jdl()).isEqualTo("[ JobID = 4711; ]");
        assertThat(state.lastRecordTime()).isEqualTo(SampleEvents.SUBMITTED_AT);
        assertThat(state.inputSandboxes()).containsExactly(SampleEvents.INPUT_SANDBOX);
    }

    @Test
    void aJobBeforeItsSubmissionDoesNotExist() {
        assertThat(new JobState().exists()).isFalse();
        assertThatThrownBy(() -> new JobState().jobId()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aStatusUpdateSetsTheStatusColumnsAndTheLatestRecordTime() {
        JobState state = JobState.replayed(List.of(SampleEvents.submitted(JOB),
                SampleEvents.of(JobEventType.STATUS_UPDATED, JOB)));
        assertThat(state.status()).isEqualTo(JobStatus.CHECKING);
        assertThat(state.minorStatus()).isEqualTo("Checking");
        assertThat(state.heartBeatTime()).isEqualTo(T);
        assertThat(state.lastUpdateTime()).isEqualTo(T);
        assertThat(state.lastRecordTime()).isEqualTo(T);
    }

    @Test
    void metadataIsHeldInEachAttributesTypeAndOwnershipCannotBePatched() {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        state.apply(new JobMetadataPatched(JOB, Map.of("UserPriority", 7, "HeartBeatTime", "2026-11-25T12:00:00Z",
                "VerifiedFlag", false, "AccountedFlag", "Failed", "Owner", "mallory", "VO", "atlas", "OwnerGroup", "x",
                "JobID", 1), Map.of(), T));
        assertThat(state.get(JobAttribute.USER_PRIORITY)).isEqualTo(7L);
        assertThat(state.heartBeatTime()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(state.verifiedFlag()).isFalse();
        assertThat(state.toApi()).containsEntry("AccountedFlag", "Failed");
        assertThat(state.owner()).isEqualTo("alice");
        assertThat(state.vo()).isEqualTo("lhcb");
        assertThat(state.ownerGroup()).isEqualTo("lhcb_user");
        assertThat(state.jobId()).isEqualTo(JOB);
    }

    @Test
    void commandsWaitUntilDeliveredOrDroppedByAReschedule() {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        state.apply(SampleEvents.of(JobEventType.COMMAND_QUEUED, JOB));
        assertThat(state.pendingCommands()).extracting(QueuedCommand::command).containsExactly(QueuedCommand.KILL);
        state.apply(SampleEvents.of(JobEventType.RESCHEDULED, JOB));
        assertThat(state.pendingCommands()).isEmpty();
        assertThat(state.rescheduleCounter()).isEqualTo(1);
        assertThat(state.get(JobAttribute.RESCHEDULE_TIME)).isEqualTo(T);
        assertThat(state.status()).isEqualTo(JobStatus.RECEIVED);
    }

    @Test
    void sandboxesAreMappedUntilUnassigned() {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        state.apply(SampleEvents.of(JobEventType.OUTPUT_SANDBOX_ASSIGNED, JOB));
        assertThat(state.outputSandboxes()).containsExactly(SampleEvents.OUTPUT_SANDBOX);
        state.apply(SampleEvents.of(JobEventType.SANDBOXES_UNASSIGNED, JOB));
        assertThat(state.inputSandboxes()).isEmpty();
        assertThat(state.outputSandboxes()).isEmpty();
    }

    @Test
    void aStateRestoredFromAReadModelAnswersLikeTheReplayedOne() {
        JobState replayed = JobState.replayed(List.of(SampleEvents.submitted(JOB),
                SampleEvents.of(JobEventType.METADATA_PATCHED, JOB)));
        Map<JobAttribute, Object> columns = new java.util.EnumMap<>(JobAttribute.class);
        for (JobAttribute attribute : JobAttribute.values()) {
            columns.put(attribute, replayed.get(attribute));
        }
        assertThat(JobState.restored(columns).toApi()).isEqualTo(replayed.toApi());
    }
}

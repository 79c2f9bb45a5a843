package org.jobstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jobstream.events.cloud.JobEventCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A job's state survives its snapshot: written as JSON and read back, it is the same state, field by
 * field and in each value's type (the Job aggregate's snapshots are these; a state that came back
 * different would decide commands differently from one replayed from the events).
 */
class JobStateSnapshotTest {

    private static final long JOB = 4711;
    private static final Instant T = SampleEvents.SUBMITTED_AT.plusSeconds(60);
    private static final ObjectMapper JSON = JobEventCodec.defaultMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** States that hold every kind of value: each event type after a submission, and all of them in turn. */
    static Stream<JobState> states() {
        Stream<JobState> eachType = Arrays.stream(JobEventType.values())
                .map(type -> JobState.replayed(List.of(SampleEvents.submitted(JOB), SampleEvents.of(type, JOB))));
        JobState everything = new JobState().apply(SampleEvents.submitted(JOB));
        for (JobEventType type : JobEventType.values()) {
            if (type != JobEventType.SUBMITTED && type != JobEventType.COMMANDS_DELIVERED
                    && type != JobEventType.SANDBOXES_UNASSIGNED) {
                everything.apply(SampleEvents.of(type, JOB));
            }
        }
        everything.apply(new JobCommandQueued(JOB, QueuedCommand.KILL, "", T.plusSeconds(5)));
        everything.apply(new JobMetadataPatched(JOB, Map.of("VerifiedFlag", false, "AccountedFlag", "Failed",
                "HeartBeatTime", "2026-11-25T12:00:00.000001Z", "RescheduleCounter", 12), Map.of(), T));
        return Stream.concat(Stream.of(new JobState(), everything), eachType);
    }

    @ParameterizedTest
    @MethodSource("states")
    void aStateReadBackFromItsSnapshotIsTheSameStateFieldByField(JobState state) throws Exception {
        byte[] json = JSON.writeValueAsBytes(state.snapshot());

        JobState restored = JobState.fromSnapshot(JSON.readValue(json, JobState.Snapshot.class));

        assertThat(restored).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(state);
        assertThat(restored.toApi()).isEqualTo(state.toApi());
        assertThat(restored.pendingCommands()).containsExactlyElementsOf(state.pendingCommands());
        assertThat(restored.inputSandboxes()).containsExactlyElementsOf(state.inputSandboxes());
        assertThat(restored.outputSandboxes()).containsExactlyElementsOf(state.outputSandboxes());
        for (JobAttribute attribute : JobAttribute.values()) {
            Object value = restored.get(attribute);
            assertThat(value == null || attribute.type().javaType().isInstance(value)).as(attribute.wireName()).isTrue();
        }
    }

    @Test
    void theSnapshotHasAComponentForEveryFieldOfTheState() {
        List<String> fields = Arrays.stream(JobState.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(java.lang.reflect.Field::getName).sorted().toList();
        List<String> components = Arrays.stream(JobState.Snapshot.class.getRecordComponents())
                .map(RecordComponent::getName).sorted().toList();

        assertThat(components).as("a field of JobState that its Snapshot lacks would be lost at every snapshot")
                .isEqualTo(fields);
    }

    @Test
    void aSnapshotIsACopyThatLaterEventsDoNotChange() {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        JobState.Snapshot snapshot = state.snapshot();

        state.apply(new JobCommandQueued(JOB, QueuedCommand.KILL, "", T));
        state.apply(new OutputSandboxAssigned(JOB, SampleEvents.OUTPUT_SANDBOX, T));
        state.apply(new JobMetadataPatched(JOB, Map.of("Site", "LCG.CERN.cern"), Map.of(), T));

        assertThat(snapshot.pendingCommands()).isEmpty();
        assertThat(snapshot.outputSandboxes()).isEmpty();
        assertThat(snapshot.attributes()).containsEntry("Site", "ANY");
        assertThat(JobState.fromSnapshot(snapshot).site()).isEqualTo("ANY");
    }

    @Test
    void anAttributeSetToNothingStaysSetToNothing() {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        JobState.Snapshot snapshot = state.snapshot();

        assertThat(snapshot.attributes()).containsEntry("StartExecTime", null).doesNotContainKey("NoSuchAttribute");
        assertThat(JobState.fromSnapshot(snapshot).snapshot()).isEqualTo(snapshot);
    }

    @Test
    void aSnapshotOfAnotherShapeIsRefused() throws Exception {
        ObjectNode json = JSON.valueToTree(new JobState().apply(SampleEvents.submitted(JOB)).snapshot());

        ObjectNode unknownAttribute = json.deepCopy();
        ((ObjectNode) unknownAttribute.get("attributes")).put("Colour", "blue");
        assertThatThrownBy(() -> JobState.fromSnapshot(JSON.treeToValue(unknownAttribute, JobState.Snapshot.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Colour");

        ObjectNode wrongType = json.deepCopy();
        ((ObjectNode) wrongType.get("attributes")).put("UserPriority", "high");
        assertThatThrownBy(() -> JobState.fromSnapshot(JSON.treeToValue(wrongType, JobState.Snapshot.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UserPriority");

        ObjectNode badTime = json.deepCopy();
        ((ObjectNode) badTime.get("attributes")).put("SubmissionTime", "yesterday");
        assertThatThrownBy(() -> JobState.fromSnapshot(JSON.treeToValue(badTime, JobState.Snapshot.class)))
                .isInstanceOf(RuntimeException.class);

        ObjectNode renamedField = json.deepCopy();
        renamedField.set("pending", renamedField.remove("pendingCommands"));
        assertThatThrownBy(() -> JSON.treeToValue(renamedField, JobState.Snapshot.class))
                .isInstanceOf(Exception.class);
    }

    @Test
    void theStateOfAHeartbeatingJobComesBackWithItsLatestValues() throws Exception {
        JobState state = new JobState().apply(SampleEvents.submitted(JOB));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Status", "Running");
        values.put("StartExecTime", T.toString());
        state.apply(new JobMetadataPatched(JOB, values, Map.of(), T));
        for (int i = 1; i <= 50; i++) {
            state.apply(SampleEvents.heartbeat(JOB, T.plusSeconds(i)));
        }

        JobState restored = JobState.fromSnapshot(JSON.readValue(JSON.writeValueAsBytes(state.snapshot()),
                JobState.Snapshot.class));

        assertThat(restored.heartBeatTime()).isEqualTo(T.plusSeconds(50));
        assertThat(restored).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(state);
    }
}

package org.jobstream.events.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.HeartbeatReceivedV1;
import org.jobstream.events.HeartbeatStatusChange;
import org.jobstream.events.JobCommandQueued;
import org.jobstream.events.JobCommandsDelivered;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.JobMetadataPatched;
import org.jobstream.events.JobRescheduled;
import org.jobstream.events.JobState;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.events.SampleEvents;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.QueuedCommand;
import org.jobstream.events.StatusRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every job event survives the trip through the CloudEvents JSON of the job events topic. */
class JobEventCodecRoundTripTest {

    private static final long JOB = 42;
    private static final Instant T1 = Instant.parse("2025-05-25T07:10:00.123Z");
    private static final Instant T2 = Instant.parse("2025-05-25T07:11:00.456789Z");
    private static final Instant NOW = Instant.parse("2025-05-25T07:12:00Z");

    private final JobEventCodec codec = new JobEventCodec();
    private final EventFormat json = new JsonFormat();

    static Stream<JobEvent> events() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("UserPriority", 2);
        attributes.put("HeartBeatTime", "2025-05-25T07:10:00Z");
        attributes.put("VerifiedFlag", false);
        attributes.put("AccountedFlag", "Failed");
        attributes.put("Status", "Done");
        return Stream.of(
                new JobSubmitted(JOB, "alice", "lhcb_user", "lhcb", "Unknown", "User", "00000000", "ANY", 1,
                        JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", T1, "[Executable = \"x\";]",
                        List.of(), List.of()),
                new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.RECEIVED, "Checking", StatusRecord.IDEM, T1, "JobWrapper(SM)"),
                                new StatusRecord(null, "Still there", StatusRecord.IDEM, T2, "Unknown")),
                        false, JobStatus.RECEIVED, "Still there", "Unknown", T1, null, T1, NOW, NOW),
                new HeartbeatReceived(JOB, NOW, Map.of("LoadAverage", "2.5", "StandardOutput", "hello"),
                        new HeartbeatStatusChange(
                                new StatusRecord(JobStatus.RUNNING, StatusRecord.IDEM, StatusRecord.IDEM, NOW, "Heartbeat"),
                                JobStatus.RUNNING, "Pilot", "Unknown", NOW, null, NOW)),
                new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1234.0"), null),
                new JobCommandQueued(JOB, "Kill", "", NOW),
                new JobCommandsDelivered(JOB, List.of(new QueuedCommand("Kill", "", T2)), NOW),
                new JobRescheduled(JOB, 1, NOW,
                        List.of(new StatusRecord(JobStatus.RESCHEDULED, "idem", "idem", NOW, "JobManager"),
                                new StatusRecord(JobStatus.RECEIVED, "Job Rescheduled", "Unknown", NOW, "JobManager")),
                        JobStatus.RECEIVED, "Job Rescheduled", "Unknown", NOW,
                        List.of(new QueuedCommand("Kill", "", T2))),
                new JobMetadataPatched(JOB, attributes, Map.of("CPUNormalizationFactor", "10"), NOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void encodeThenDecodeGivesTheSameEvent(JobEvent event) {
        RecordedJobEvent recorded = new RecordedJobEvent("id-" + event.getClass().getSimpleName(), event, 3, 17, NOW);

        CloudEvent wire = json.deserialize(json.serialize(codec.encode(recorded)));
        RecordedJobEvent decoded = codec.decode(wire);

        assertThat(decoded).isEqualTo(recorded);
        assertThat(wire.getType()).isEqualTo(JobEventType.of(event).cloudEventType());
    }

    @Test
    void statusesTravelAsTheirDiracSpelling() {
        JobStatusUpdated updated = new JobStatusUpdated(JOB,
                List.of(new StatusRecord(null, "m", "idem", T1, "User")), true, JobStatus.COMPLETING, "m", "a",
                null, null, null, NOW, NOW);

        String data = new String(codec.encode(new RecordedJobEvent("id", updated, 1, 1, NOW)).getData().toBytes(),
                StandardCharsets.UTF_8);

        assertThat(data).contains("\"status\":\"Completing\"").contains("\"status\":null");
    }

    /** Heartbeats of the first version, as the publisher put them on the topic before the second. */
    static Stream<HeartbeatReceivedV1> firstVersionHeartbeats() {
        return Stream.of(
                new HeartbeatReceivedV1(JOB, NOW, Map.of("LoadAverage", "2.5"),
                        new StatusRecord(JobStatus.RUNNING, StatusRecord.IDEM, StatusRecord.IDEM, NOW, "Heartbeat"),
                        JobStatus.RUNNING, "Pilot", "Unknown", NOW, null, NOW, NOW),
                new HeartbeatReceivedV1(JOB, NOW, Map.of("Vsize", "1234.0"), null,
                        JobStatus.RUNNING, "Pilot", "Unknown", T1, null, NOW, T1));
    }

    @ParameterizedTest
    @MethodSource("firstVersionHeartbeats")
    void aFirstVersionHeartbeatOnTheTopicIsReadAsTheSecondVersion(HeartbeatReceivedV1 v1) throws Exception {
        CloudEvent published = io.cloudevents.core.builder.CloudEventBuilder.v1()
                .withId("id-v1").withSource(JobEventCodec.SOURCE).withType("org.jobstream.job.heartbeat-received.v1")
                .withSubject(Long.toString(JOB)).withTime(NOW.atOffset(java.time.ZoneOffset.UTC))
                .withDataContentType(JobEventCodec.DATA_CONTENT_TYPE)
                .withDataSchema(java.net.URI.create("https://jobstream.org/schemas/HeartbeatReceived.json"))
                .withExtension(JobEventCodec.SEQUENCE, 5L).withExtension(JobEventCodec.POSITION, 99L)
                .withData(JobEventCodec.defaultMapper().writeValueAsBytes(v1))
                .build();

        RecordedJobEvent decoded = codec.decode(json.deserialize(json.serialize(published)));

        assertThat(decoded).isEqualTo(new RecordedJobEvent("id-v1", v1.upcast(), 5, 99, NOW));
        assertThat(decoded.event()).isInstanceOf(HeartbeatReceived.class);
    }

    @ParameterizedTest
    @MethodSource("firstVersionHeartbeats")
    void aStoredFirstVersionHeartbeatIsReadAsTheSecondVersionAndChangesAJobAlike(HeartbeatReceivedV1 v1)
            throws Exception {
        byte[] stored = JobEventCodec.defaultMapper().writeValueAsBytes(v1);

        JobEvent read = codec.readStored(HeartbeatReceived.class.getName(), null, stored);

        assertThat(read).isEqualTo(v1.upcast());
        JobState before = new JobState().apply(SampleEvents.submitted(JOB));
        before.apply(new JobMetadataPatched(JOB, Map.of("Status", "Running", "MinorStatus", "Pilot",
                "StartExecTime", (v1.statusRecord() == null ? T1 : NOW).toString(), "LastUpdateTime",
                (v1.statusRecord() == null ? T1 : NOW).toString()), Map.of(), T1));
        JobState asV2 = JobState.fromSnapshot(before.snapshot()).apply(read);
        assertThat(asV2.toApi()).containsEntry("Status", "Running").containsEntry("MinorStatus", v1.minorStatus())
                .containsEntry("HeartBeatTime", v1.heartBeatTime().toString())
                .containsEntry("StartExecTime", v1.startExecTime().toString())
                .containsEntry("LastUpdateTime", v1.lastUpdateTime().toString())
                .containsEntry("EndExecTime", null);
    }

    @Test
    void aStoredSecondVersionIsReadByItsRevisionAndAFirstVersionWithoutOne() throws Exception {
        HeartbeatReceived v2 = new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1.0"), null);
        byte[] stored = JobEventCodec.defaultMapper().writeValueAsBytes(v2);

        assertThat(codec.readStored(HeartbeatReceived.class.getName(), HeartbeatReceived.REVISION, stored)).isEqualTo(v2);
        assertThat(JobEventType.HEARTBEAT_RECEIVED.storedRevision()).isEqualTo(HeartbeatReceived.REVISION);
        assertThat(OlderEventVersion.ofStored(HeartbeatReceived.class.getName(), null))
                .contains(OlderEventVersion.HEARTBEAT_RECEIVED_V1);
        assertThat(OlderEventVersion.ofStored(HeartbeatReceived.class.getName(), HeartbeatReceived.REVISION)).isEmpty();
        assertThatThrownBy(() -> codec.readStored(HeartbeatReceived.class.getName(), "3", stored))
                .isInstanceOf(JobEventCodec.UnreadableEventException.class);
    }

    @Test
    void upcastingStoredJsonGivesTheJsonOfTheSecondVersion() throws Exception {
        HeartbeatReceivedV1 v1 = firstVersionHeartbeats().findFirst().orElseThrow();
        var mapper = JobEventCodec.defaultMapper();

        var upcast = codec.upcast(OlderEventVersion.HEARTBEAT_RECEIVED_V1, mapper.valueToTree(v1));

        assertThat(mapper.treeToValue(upcast, HeartbeatReceived.class)).isEqualTo(v1.upcast());
        assertThat(upcast.fieldNames()).toIterable().containsExactly("jobId", "time", "parameters", "statusChange");
    }

    @Test
    void everyEarlierVersionIsReadAsItsTypesCurrentVersion() {
        for (OlderEventVersion version : OlderEventVersion.values()) {
            JobEvent upcast = version.upcast(SampleEvents.of(version, JOB));
            assertThat(JobEventType.of(upcast)).isEqualTo(version.current());
            assertThat(version.cloudEventType()).isNotEqualTo(version.current().cloudEventType());
            assertThat(JobEventType.fromCloudEventType(version.cloudEventType())).isEmpty();
        }
    }

    @Test
    void everyJobEventIsRegisteredWithItsOwnType() {
        assertThat(Arrays.stream(JobEventType.values()).<Class<?>>map(JobEventType::eventClass))
                .containsExactlyInAnyOrder(JobEvent.class.getPermittedSubclasses());
        assertThat(Arrays.stream(JobEventType.values()).map(JobEventType::cloudEventType).distinct())
                .hasSize(JobEventType.values().length)
                .allMatch(type -> type.matches("org\\.jobstream\\.job\\.[a-z-]+\\.v\\d+"));
    }
}

package org.jobstream.command.job;

import static org.jobstream.command.job.JobHistory.IDEM;
import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.NOW;
import static org.jobstream.command.job.JobHistory.T1;
import static org.jobstream.command.job.JobHistory.T2;
import static org.jobstream.command.job.JobHistory.submitted;
import static org.jobstream.command.job.JobHistory.update;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jobstream.commands.PatchJobMetadata;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.events.JobMetadataPatched;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.StatusRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobMetadataTest {

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    private static PatchJobMetadata patch(Map<String, Object> attributes, Map<String, String> parameters) {
        return new PatchJobMetadata(JOB, attributes, parameters, NOW);
    }

    @Test
    void patchNormalisesAttributesAndKeepsJobTypeInBothPlaces() {
        // DiracX test_patch_metadata_updates_attributes_and_parameters
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("UserPriority", "2");
        attributes.put("JobType", "VerySpecialIndeed");
        attributes.put("HeartBeatTime", "2025-05-25T07:10:00.123456+00:00");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("CPUNormalizationFactor", "10");
        parameters.put("does_not_exist", "unknown");

        fixture.given(submitted())
                .when(patch(attributes, parameters))
                .expectEvents(new JobMetadataPatched(JOB,
                        Map.of("UserPriority", 2, "JobType", "VerySpecialIndeed",
                                "HeartBeatTime", "2025-05-25T07:10:00.123456Z"),
                        Map.of("CPUNormalizationFactor", "10", "does_not_exist", "unknown",
                                "JobType", "VerySpecialIndeed"),
                        NOW));
    }

    @Test
    void settingStatusBypassesTheStateMachineLogsNothingAndSetsLastUpdateTime() {
        fixture.given(submitted())
                .when(patch(Map.of("Status", "Done", "Site", "Meyrin"), Map.of()))
                .expectEvents(new JobMetadataPatched(JOB,
                        Map.of("Status", "Done", "Site", "Meyrin", "LastUpdateTime", NOW.toString()), Map.of(), NOW));
    }

    @Test
    void aStatusSetByPatchIsWhereTheNextStatusUpdateStarts() {
        fixture.given(submitted())
                .andGivenCommands(new PatchJobMetadata(JOB, Map.of("Status", "Done"), Map.of(), T1))
                .when(new UpdateJobStatus(JOB, List.of(update(T2, JobStatus.RUNNING, "Again", "User")), false, NOW))
                .expectEvents(new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.DONE, "Again", IDEM, T2, "User(SM)")),
                        false, JobStatus.DONE, "Again", "Unknown", T2, null, null, NOW, NOW));
    }

    @Test
    void jobTypeGivenAsAParameterIsAlsoTheAttribute() {
        fixture.given(submitted())
                .when(patch(Map.of(), Map.of("JobType", "AnotherType")))
                .expectEvents(new JobMetadataPatched(JOB, Map.of("JobType", "AnotherType"),
                        Map.of("JobType", "AnotherType"), NOW));
    }

    @Test
    void integerParametersTruncateFloatText() {
        fixture.given(submitted())
                .when(patch(Map.of(), Map.of("CPUNormalizationFactor", "1.5", "Memory(MB)", "2048")))
                .expectEvents(new JobMetadataPatched(JOB, Map.of(),
                        Map.of("CPUNormalizationFactor", "1", "Memory(MB)", "2048"), NOW));
    }

    static Stream<Arguments> flagValues() {
        return Stream.of(
                Arguments.of("AccountedFlag", true, "True"),
                Arguments.of("AccountedFlag", false, "False"),
                Arguments.of("AccountedFlag", "Failed", "Failed"),
                Arguments.of("VerifiedFlag", false, false),
                Arguments.of("VerifiedFlag", "true", true));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("flagValues")
    void flagsAcceptDiracxValues(String flag, Object value, Object stored) {
        fixture.given(submitted())
                .when(patch(Map.of(flag, value), Map.of()))
                .expectEvents(new JobMetadataPatched(JOB, Map.of(flag, stored), Map.of(), NOW));
    }

    static Stream<Arguments> invalidAttributes() {
        return Stream.of(
                Arguments.of("UserPriority", "abc"),
                Arguments.of("UserPriority", 1.5),
                Arguments.of("UserPriority", true),
                Arguments.of("RescheduleCounter", 10_000_000_000L),
                Arguments.of("HeartBeatTime", "2025-05-25T07:10:00"),
                Arguments.of("HeartBeatTime", "2025-05-25T09:10:00+02:00"),
                Arguments.of("HeartBeatTime", "yesterday"),
                Arguments.of("Status", "Bogus"),
                Arguments.of("Status", "running"),
                Arguments.of("Site", 42),
                Arguments.of("JobType", "x".repeat(33)),
                Arguments.of("VerifiedFlag", "maybe"),
                Arguments.of("AccountedFlag", "Perhaps"),
                Arguments.of("JobID", 7),
                Arguments.of("NoSuchAttribute", "x"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidAttributes")
    void aValueOfTheWrongTypeRejectsTheWholePatch(String attribute, Object value) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("UserPriority", 3);
        attributes.put(attribute, value);

        fixture.given(submitted())
                .when(patch(attributes, Map.of("HostName", "wn01")))
                .expectException(InvalidJobUpdateException.class)
                .expectNoEvents();
    }

    @Test
    void aNonNumericIntegerParameterIsRejected() {
        fixture.given(submitted())
                .when(patch(Map.of(), Map.of("PayloadPID", "pid-12")))
                .expectException(InvalidJobUpdateException.class)
                .expectNoEvents();
    }

    @Test
    void anEmptyPatchChangesNothing() {
        fixture.given(submitted())
                .when(patch(Map.of(), Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}

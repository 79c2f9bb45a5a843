package org.jobstream.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job was accepted: the first event of every job. It carries everything a consumer needs to
 * know the job without asking back: identity and ownership, the attributes taken from the JDL,
 * the initial status record and the canonical JDL as stored.
 *
 * @param jobId            the job's ID, a positive integer from the job ID sequence
 * @param owner            the submitter's {@code preferred_username}
 * @param ownerGroup       the submitter's DIRAC group
 * @param vo               the submitter's virtual organisation
 * @param jobName          {@code JobName} of the JDL, {@code "Unknown"} when absent
 * @param jobType          {@code JobType} of the JDL, {@code "User"} when absent
 * @param jobGroup         {@code JobGroup} of the JDL, {@code "00000000"} when absent
 * @param site             {@code Site} of the JDL, {@code "ANY"} when absent, {@code "Multiple"} for several
 * @param userPriority     {@code Priority} of the JDL as an integer
 * @param status           the initial status ({@code Received}, or {@code Submitting} for parametric jobs)
 * @param minorStatus      the initial minor status
 * @param applicationStatus the initial application status ({@code "Unknown"})
 * @param source           the source of the initial status record ({@code "JobManager"})
 * @param submissionTime   when the job was accepted; also its first status record's time
 * @param jdl              the job's canonical JDL, as stored
 * @param inputSandboxes   the sandbox PFNs ({@code SB:...}) the JDL names as input sandboxes
 * @param inputData        the logical file names of the JDL's {@code InputData}
 */
public record JobSubmitted(
        long jobId,
        String owner,
        String ownerGroup,
        String vo,
        String jobName,
        String jobType,
        String jobGroup,
        String site,
        int userPriority,
        JobStatus status,
        String minorStatus,
        String applicationStatus,
        String source,
        Instant submissionTime,
        String jdl,
        List<String> inputSandboxes,
        List<String> inputData) implements JobEvent {

    public JobSubmitted {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(vo, "vo");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(submissionTime, "submissionTime");
        inputSandboxes = inputSandboxes == null ? List.of() : List.copyOf(inputSandboxes);
        inputData = inputData == null ? List.of() : List.copyOf(inputData);
    }
}

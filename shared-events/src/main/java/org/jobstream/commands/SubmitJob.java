package org.jobstream.commands;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jobstream.events.JobStatus;

/**
 * Create one job. The command side has already parsed and checked the JDL and allocated the
 * job ID; the Job aggregate decides nothing more than whether the job may be created.
 */
public record SubmitJob(
        @TargetAggregateIdentifier long jobId,
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
        Instant submissionTime,
        String jdl,
        List<String> inputSandboxes,
        List<String> inputData) {

    public SubmitJob {
        inputSandboxes = inputSandboxes == null ? List.of() : List.copyOf(inputSandboxes);
        inputData = inputData == null ? List.of() : List.copyOf(inputData);
    }
}

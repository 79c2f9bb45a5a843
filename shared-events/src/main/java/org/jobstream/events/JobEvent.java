package org.jobstream.events;

/**
 * Every event of a job's life. Each is keyed by its {@link #jobId()}: on Kafka the record key is
 * the job ID, so one job's events keep their order.
 */
public sealed interface JobEvent permits JobSubmitted, JobStatusUpdated, HeartbeatReceived, JobCommandQueued,
        JobCommandsDelivered, JobRescheduled, JobMetadataPatched, OutputSandboxAssigned, SandboxesUnassigned {

    /** The job this event belongs to. */
    long jobId();
}

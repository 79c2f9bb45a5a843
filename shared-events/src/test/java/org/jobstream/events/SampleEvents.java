package org.jobstream.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of every {@link JobEventType}, for a job already submitted, so that a test can run each
 * consumer of events (the job state, the projector, the history) over every type. The switch is
 * exhaustive: a new event type does not compile here until it has a sample, and then every test
 * that goes through all types tries it on every consumer.
 */
public final class SampleEvents {

    public static final Instant SUBMITTED_AT = Instant.parse("2026-11-25T10:00:00.123456Z");
    public static final String INPUT_SANDBOX = "/S3/sandboxes/lhcb/lhcb_user/alice/sha256:"
            + "1".repeat(64) + ".tar.bz2";
    public static final String OUTPUT_SANDBOX = "/S3/sandboxes/lhcb/lhcb_user/alice/sha256:"
            + "2".repeat(64) + ".tar.bz2";

    private SampleEvents() {
    }

    /** The submission of job {@code jobId} by alice (lhcb, lhcb_user), with one input sandbox. */
    public static JobSubmitted submitted(long jobId) {
        return new JobSubmitted(jobId, "alice", "lhcb_user", "lhcb", "job-" + jobId, "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", SUBMITTED_AT, "[ JobID = " + jobId + "; ]",
                List.of("SB:SandboxSE|" + INPUT_SANDBOX), List.of());
    }

    /** A running job's pilot heartbeat at {@code time}, with the values a pilot sends. */
    public static HeartbeatReceived heartbeat(long jobId, Instant time) {
        return new HeartbeatReceived(jobId, time, pilotValues(time), null);
    }

    /**
     * The same heartbeat in the first version of its type, as Jobstream stored it before the second,
     * for a job that is {@code Running} / {@code Application} / {@code Unknown} since
     * {@link #SUBMITTED_AT}.
     */
    public static HeartbeatReceivedV1 heartbeatV1(long jobId, Instant time) {
        return new HeartbeatReceivedV1(jobId, time, pilotValues(time), null, JobStatus.RUNNING, "Application",
                "Unknown", SUBMITTED_AT, null, time, SUBMITTED_AT);
    }

    private static Map<String, String> pilotValues(Instant time) {
        return Map.of("LoadAverage", "1.5", "CPUConsumed", Long.toString(time.getEpochSecond() % 100_000));
    }

    /**
     * An event of an earlier version of its type for job {@code jobId}, as it could follow
     * {@link #submitted(long)}; exhaustive, so that every reader is tried on every earlier version.
     */
    public static Record of(OlderEventVersion version, long jobId) {
        Instant t = SUBMITTED_AT.plusSeconds(60);
        return switch (version) {
            case HEARTBEAT_RECEIVED_V1 -> new HeartbeatReceivedV1(jobId, t, Map.of("LoadAverage", "2.5"), null,
                    JobStatus.RECEIVED, "Job accepted", "Unknown", null, null, t, SUBMITTED_AT);
        };
    }

    /** An event of {@code type} for job {@code jobId}, as it could follow {@link #submitted(long)}. */
    public static JobEvent of(JobEventType type, long jobId) {
        Instant t = SUBMITTED_AT.plusSeconds(60);
        QueuedCommand kill = new QueuedCommand(QueuedCommand.KILL, "", t);
        return switch (type) {
            case SUBMITTED -> submitted(jobId);
            case STATUS_UPDATED -> new JobStatusUpdated(jobId,
                    List.of(new StatusRecord(JobStatus.CHECKING, "Checking", StatusRecord.IDEM, t, "JobWrapper")),
                    false, JobStatus.CHECKING, "Checking", "Unknown", null, null, t, t, t);
            case HEARTBEAT_RECEIVED -> new HeartbeatReceived(jobId, t, Map.of("LoadAverage", "2.5"), null);
            case COMMAND_QUEUED -> new JobCommandQueued(jobId, QueuedCommand.KILL, "", t);
            case COMMANDS_DELIVERED -> new JobCommandsDelivered(jobId, List.of(kill), t);
            case RESCHEDULED -> new JobRescheduled(jobId, 1, t,
                    List.of(new StatusRecord(JobStatus.RESCHEDULED, StatusRecord.IDEM, StatusRecord.IDEM, t, "Unknown"),
                            new StatusRecord(JobStatus.RECEIVED, "Job Rescheduled", "Unknown", t, "Unknown")),
                    JobStatus.RECEIVED, "Job Rescheduled", "Unknown", t, List.of(kill));
            case METADATA_PATCHED -> new JobMetadataPatched(jobId, Map.of("UserPriority", 3, "Site", "LCG.CERN.cern"),
                    Map.of("GridCE", "ce.cern.ch"), t);
            case OUTPUT_SANDBOX_ASSIGNED -> new OutputSandboxAssigned(jobId, OUTPUT_SANDBOX, t);
            case SANDBOXES_UNASSIGNED -> new SandboxesUnassigned(jobId, List.of(INPUT_SANDBOX), t);
        };
    }
}

package org.jobstream.command.job;

import java.time.Instant;
import java.util.List;
import org.jobstream.commands.StatusUpdate;
import org.jobstream.events.JobCommandQueued;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.StatusRecord;

/** A job's past, as given events, and the times the tests use (all in order: SUBMITTED < T1 < ... < NOW). */
final class JobHistory {

    static final long JOB = 42;
    static final String JDL = "[Executable = \"echo\"; Arguments = \"hello\";]";
    static final Instant SUBMITTED = Instant.parse("2025-05-25T07:00:00Z");
    static final Instant T1 = Instant.parse("2025-05-25T07:01:00Z");
    static final Instant T2 = Instant.parse("2025-05-25T07:02:00Z");
    static final Instant T3 = Instant.parse("2025-05-25T07:03:00Z");
    static final Instant T4 = Instant.parse("2025-05-25T07:04:00Z");
    static final Instant NOW = Instant.parse("2025-05-25T08:00:00Z");
    static final String IDEM = StatusRecord.IDEM;

    private JobHistory() {
    }

    /** A plain job as submission creates it: Received / Job accepted / Unknown. */
    static JobSubmitted submitted() {
        return new JobSubmitted(JOB, "alice", "lhcb_user", "lhcb", "Unknown", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", SUBMITTED, JDL, List.of(), List.of());
    }

    /**
     * The job was forced into {@code status} at {@code at} (minor status "Reached", no times set),
     * however it got there.
     */
    static JobStatusUpdated reached(JobStatus status, Instant at) {
        return new JobStatusUpdated(JOB, List.of(new StatusRecord(status, "Reached", IDEM, at, "Test")), true,
                status, "Reached", "Unknown", null, null, null, at, at);
    }

    static JobStatusUpdated reached(JobStatus status) {
        return reached(status, T1);
    }

    static JobCommandQueued killQueued(Instant at) {
        return new JobCommandQueued(JOB, "Kill", "", at);
    }

    static StatusUpdate update(Instant at, JobStatus status, String minor, String source) {
        return new StatusUpdate(at, status, minor, null, source);
    }
}

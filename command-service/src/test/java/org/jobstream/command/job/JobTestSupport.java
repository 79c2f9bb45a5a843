package org.jobstream.command.job;

import java.time.Instant;
import java.util.List;
import org.jobstream.events.JobState;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;

/** Jobs built from their events, for tests outside the aggregate's package. */
public final class JobTestSupport {

    private JobTestSupport() {
    }

    /** The state a job's events made of it. */
    public static JobState stateOf(Job job) {
        return job.state();
    }

    /** A job just submitted with the given JDL. */
    public static Job submitted(String jdl) {
        Job job = new Job();
        job.on(new JobSubmitted(1, "alice", "lhcb_user", "lhcb", "job", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", Instant.parse("2026-12-01T00:00:00Z"), jdl,
                List.of(), List.of()));
        return job;
    }
}

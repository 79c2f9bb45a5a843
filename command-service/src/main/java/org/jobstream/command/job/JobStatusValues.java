package org.jobstream.command.job;

import java.time.Instant;
import org.jobstream.events.JobStatus;

/** A job's seven status columns, as a status update reads and writes them. */
record JobStatusValues(
        JobStatus status,
        String minorStatus,
        String applicationStatus,
        Instant startExecTime,
        Instant endExecTime,
        Instant heartBeatTime,
        Instant lastUpdateTime) {
}

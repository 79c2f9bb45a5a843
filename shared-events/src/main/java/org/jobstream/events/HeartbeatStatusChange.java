package org.jobstream.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What a heartbeat changed besides {@code HeartBeatTime}, when it changed more: the heartbeat of a
 * {@code Matched} or {@code Stalled} job is a {@code Running} status update (source
 * {@code "Heartbeat"}), which logs a status record and may move the job to {@code Running}, set its
 * {@code StartExecTime} and its {@code LastUpdateTime}. It carries the job's status values afterwards,
 * as {@link JobStatusUpdated} does: a read model overwrites its columns with them.
 *
 * @param record            the status record the heartbeat logged ({@code Running}/{@code idem}/
 *                          {@code idem}, source {@code "Heartbeat"})
 * @param status            the job's status afterwards
 * @param minorStatus       the job's minor status afterwards
 * @param applicationStatus the job's application status afterwards
 * @param startExecTime     the job's {@code StartExecTime} afterwards (set by its first
 *                          {@code Running}), or {@code null}
 * @param endExecTime       the job's {@code EndExecTime} afterwards, or {@code null}
 * @param lastUpdateTime    the job's {@code LastUpdateTime} afterwards
 */
public record HeartbeatStatusChange(
        StatusRecord record,
        JobStatus status,
        String minorStatus,
        String applicationStatus,
        Instant startExecTime,
        Instant endExecTime,
        Instant lastUpdateTime) {

    public HeartbeatStatusChange {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastUpdateTime, "lastUpdateTime");
    }
}

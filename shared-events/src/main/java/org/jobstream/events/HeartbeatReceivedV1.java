package org.jobstream.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A job's pilot sent a heartbeat ({@code PATCH /api/jobs/heartbeat}): the first version of this
 * event, {@code org.jobstream.job.heartbeat-received.v1}. Jobstream no longer writes it (see
 * {@link HeartbeatReceived}, {@code .v2}), but the event store keeps every one stored before, and the
 * topic those published before, so Jobstream reads them for ever: each is read as the
 * {@link HeartbeatReceived} it amounts to ({@link #upcast()}).
 *
 * <p>The heartbeat's values become job parameters and set {@code HeartBeatTime}; a {@code Matched} or
 * {@code Stalled} job becomes {@code Running} through the status rules, which logs a
 * {@link #statusRecord()} with source {@code "Heartbeat"}. A read model upserts {@link #parameters()}
 * into the job's parameters, appends {@link #statusRecord()} (when there is one) to the job's
 * history, and overwrites the job's seven status columns with the resulting values below (the job's
 * values after the heartbeat).
 *
 * @param jobId             the job
 * @param time              when the heartbeat arrived; the new {@code HeartBeatTime}
 * @param parameters        the heartbeat's values by name ({@code LoadAverage}, {@code MemoryUsed},
 *                          {@code Vsize}, {@code AvailableDiskSpace}, {@code CPUConsumed},
 *                          {@code WallClockTime}, {@code StandardOutput}), numbers as text
 * @param statusRecord      the status record the heartbeat made ({@code Running}/{@code idem}/
 *                          {@code idem}, source {@code "Heartbeat"}) when the job was {@code Matched}
 *                          or {@code Stalled}; {@code null} otherwise
 * @param status            the job's status afterwards
 * @param minorStatus       the job's minor status afterwards
 * @param applicationStatus the job's application status afterwards
 * @param startExecTime     the job's {@code StartExecTime} afterwards (set by its first
 *                          {@code Running}), or {@code null}
 * @param endExecTime       the job's {@code EndExecTime} afterwards, or {@code null}
 * @param heartBeatTime     the job's {@code HeartBeatTime} afterwards
 * @param lastUpdateTime    the job's {@code LastUpdateTime} afterwards (changed only with a status record)
 */
public record HeartbeatReceivedV1(
        long jobId,
        Instant time,
        Map<String, String> parameters,
        StatusRecord statusRecord,
        JobStatus status,
        String minorStatus,
        String applicationStatus,
        Instant startExecTime,
        Instant endExecTime,
        Instant heartBeatTime,
        Instant lastUpdateTime) {

    public HeartbeatReceivedV1 {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The {@code .v2} event this heartbeat amounts to. Without a status record the heartbeat changed
     * {@code HeartBeatTime} alone (Jobstream wrote every {@code .v1} so: the other values are the
     * job's values before, and {@code heartBeatTime} is {@code time}), so the {@code .v2} carries no
     * status change; with one, it carries the record and the values afterwards.
     */
    public HeartbeatReceived upcast() {
        HeartbeatStatusChange change = statusRecord == null ? null : new HeartbeatStatusChange(statusRecord, status,
                minorStatus, applicationStatus, startExecTime, endExecTime, lastUpdateTime);
        return new HeartbeatReceived(jobId, time, parameters, change);
    }
}

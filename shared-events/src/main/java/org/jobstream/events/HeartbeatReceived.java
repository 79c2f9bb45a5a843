package org.jobstream.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A job's pilot sent a heartbeat ({@code PATCH /api/jobs/heartbeat}). The heartbeat's values become
 * job parameters and set {@code HeartBeatTime}; a {@code Matched} or {@code Stalled} job becomes
 * {@code Running} through the status rules, which logs a {@link #statusRecord()} with source
 * {@code "Heartbeat"}.
 *
 * <p>A read model upserts {@link #parameters()} into the job's parameters, appends
 * {@link #statusRecord()} (when there is one) to the job's history, and overwrites the job's seven
 * status columns with the resulting values below (the job's values after the heartbeat).
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
public record HeartbeatReceived(
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
        Instant lastUpdateTime) implements JobEvent {

    public HeartbeatReceived {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}

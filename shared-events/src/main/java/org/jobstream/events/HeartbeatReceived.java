package org.jobstream.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A job's pilot sent a heartbeat ({@code PATCH /api/jobs/heartbeat}); version 2 of this event,
 * which carries only what the heartbeat changed. The heartbeat's values become job parameters and
 * its {@link #time()} the job's {@code HeartBeatTime}; that is all a heartbeat changes, except that
 * of a {@code Matched} or {@code Stalled} job, which becomes {@code Running} through the status rules
 * and logs a status record: then {@link #statusChange()} has the record and the job's status values
 * afterwards.
 *
 * <p>A read model upserts {@link #parameters()} into the job's parameters and sets the job's
 * {@code HeartBeatTime} to {@link #time()}; when there is a {@link #statusChange()}, it appends its
 * record to the job's history and overwrites the job's status columns with its values. (Version 1,
 * {@link HeartbeatReceivedV1}, carried the job's seven status values after every heartbeat, though a
 * heartbeat almost never changes more than one of them.)
 *
 * <p>Stored with Axon payload revision {@value #REVISION}; a stored event of this class without a
 * revision is a version 1 event.
 *
 * @param jobId        the job
 * @param time         when the heartbeat arrived: the job's new {@code HeartBeatTime}
 * @param parameters   the heartbeat's values by name ({@code LoadAverage}, {@code MemoryUsed},
 *                     {@code Vsize}, {@code AvailableDiskSpace}, {@code CPUConsumed},
 *                     {@code WallClockTime}, {@code StandardOutput}), numbers as text
 * @param statusChange the status record the heartbeat logged and the job's status values afterwards,
 *                     when the job was {@code Matched} or {@code Stalled}; {@code null} otherwise
 *                     (the job's other values did not change)
 */
@Revision(HeartbeatReceived.REVISION)
public record HeartbeatReceived(
        long jobId,
        Instant time,
        Map<String, String> parameters,
        HeartbeatStatusChange statusChange) implements JobEvent {

    /** The Axon payload revision this version is stored with. */
    public static final String REVISION = "2";

    public HeartbeatReceived {
        Objects.requireNonNull(time, "time");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}

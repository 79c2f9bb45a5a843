package org.jobstream.commands;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a job's heartbeat ({@code PATCH /api/jobs/heartbeat}). The Job aggregate answers with the
 * job commands it hands over (a {@code List} of {@link org.jobstream.api.JobCommand}), each once.
 *
 * @param jobId  the job
 * @param values the heartbeat's fields present in the request ({@code LoadAverage}, {@code MemoryUsed},
 *               {@code Vsize}, {@code AvailableDiskSpace}, {@code CPUConsumed}, {@code WallClockTime}:
 *               numbers as text; {@code StandardOutput}: text); {@code null} values are dropped
 * @param now    the server time of the heartbeat: the new {@code HeartBeatTime}
 */
public record RecordHeartbeat(@TargetAggregateIdentifier long jobId, Map<String, String> values, Instant now) {

    public RecordHeartbeat {
        Map<String, String> present = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    present.put(name, value);
                }
            });
        }
        values = Collections.unmodifiableMap(present);
        Objects.requireNonNull(now, "now");
    }
}

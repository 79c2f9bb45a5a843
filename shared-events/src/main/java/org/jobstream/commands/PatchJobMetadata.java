package org.jobstream.commands;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set job attributes and parameters directly ({@code PATCH /api/jobs/metadata}). The caller splits
 * the request's keys: job attributes (by {@link org.jobstream.events.JobAttribute} wire name, values
 * as JSON gave them) and everything else as parameters (values as text). The Job aggregate checks
 * every value against its type and rejects the whole patch when one is wrong. {@code null} values
 * are dropped (DiracX ignores them).
 *
 * @param jobId      the job
 * @param attributes job attributes to set, by wire name ({@code "UserPriority"}, {@code "HeartBeatTime"}, ...)
 * @param parameters job parameters to set, by name, values as text
 * @param now        the server time of the request
 */
public record PatchJobMetadata(@TargetAggregateIdentifier long jobId, Map<String, Object> attributes,
                               Map<String, String> parameters, Instant now) {

    public PatchJobMetadata {
        attributes = withoutNulls(attributes);
        parameters = withoutNulls(parameters);
        Objects.requireNonNull(now, "now");
    }

    private static <V> Map<String, V> withoutNulls(Map<String, V> values) {
        Map<String, V> present = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    present.put(name, value);
                }
            });
        }
        return Collections.unmodifiableMap(present);
    }
}

package org.jobstream.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Job attributes and parameters were set directly ({@code PATCH /api/jobs/metadata}). As in
 * DiracX, setting {@code Status} this way bypasses the state machine and logs no status record;
 * it also sets {@code LastUpdateTime}, which is then part of {@link #attributes()}.
 *
 * <p>Values are checked and normalised, in JSON-native form so that they read back equal:
 * <ul>
 *   <li>string attributes: {@code String} ({@code Status} is a status label; {@code AccountedFlag}
 *       is {@code "True"}, {@code "False"} or {@code "Failed"});</li>
 *   <li>integer attributes ({@code UserPriority}, {@code RescheduleCounter}): {@code Integer};</li>
 *   <li>time attributes ({@code HeartBeatTime}, ...): ISO-8601 UTC text, e.g.
 *       {@code "2025-05-25T07:10:00Z"};</li>
 *   <li>{@code VerifiedFlag}: {@code Boolean}.</li>
 * </ul>
 * A read model sets the attributes on the job and upserts the parameters (name to text value);
 * {@code JobType} appears in both maps, as DiracX keeps it in both places.
 *
 * @param jobId      the job
 * @param attributes the job attributes set, by {@link JobAttribute#wireName() wire name}
 * @param parameters the job parameters set, by name, values as text
 * @param time       when the patch was handled
 */
public record JobMetadataPatched(
        long jobId,
        Map<String, Object> attributes,
        Map<String, String> parameters,
        Instant time) implements JobEvent {

    public JobMetadataPatched {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(time, "time");
    }
}

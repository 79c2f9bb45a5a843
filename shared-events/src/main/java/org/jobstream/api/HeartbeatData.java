package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One job's heartbeat in {@code PATCH /api/jobs/heartbeat} (DiracX's {@code HeartbeatData}): all
 * fields optional; the command service refuses any other field ({@code 422}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeartbeatData(
        @JsonProperty("LoadAverage") Double loadAverage,
        @JsonProperty("MemoryUsed") Double memoryUsed,
        @JsonProperty("Vsize") Double vsize,
        @JsonProperty("AvailableDiskSpace") Double availableDiskSpace,
        @JsonProperty("CPUConsumed") Double cpuConsumed,
        @JsonProperty("WallClockTime") Double wallClockTime,
        @JsonProperty("StandardOutput") String standardOutput) {

    /** The values that were sent, by their wire names; numbers as text, as DiracX stores them. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "LoadAverage", loadAverage);
        put(values, "MemoryUsed", memoryUsed);
        put(values, "Vsize", vsize);
        put(values, "AvailableDiskSpace", availableDiskSpace);
        put(values, "CPUConsumed", cpuConsumed);
        put(values, "WallClockTime", wallClockTime);
        if (standardOutput != null) {
            values.put("StandardOutput", standardOutput);
        }
        return values;
    }

    private static void put(Map<String, String> values, String name, Double value) {
        if (value != null) {
            values.put(name, value == Math.rint(value) && !value.isInfinite() ? Long.toString(value.longValue())
                    : Double.toString(value));
        }
    }
}

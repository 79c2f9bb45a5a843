package org.jobstream.command.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jobstream.api.Limits;

/**
 * The fields of a heartbeat (DiracX's {@code HeartbeatData}): numbers, and the job's standard
 * output. Checked when the request is read (so that a bad heartbeat refuses the request instead of
 * being dropped for one job) and again by the Job aggregate.
 */
public final class HeartbeatFields {

    static final Set<String> NUMERIC =
            Set.of("LoadAverage", "MemoryUsed", "Vsize", "AvailableDiskSpace", "CPUConsumed", "WallClockTime");
    static final String STANDARD_OUTPUT = "StandardOutput";

    private HeartbeatFields() {
    }

    /** The heartbeat's values as job parameters, checked: known names, numbers where numbers belong. */
    public static Map<String, String> parameters(Map<String, String> values) {
        Map<String, String> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (NUMERIC.contains(name)) {
                try {
                    if (!Double.isFinite(Double.parseDouble(value.trim()))) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new InvalidJobUpdateException("Invalid heartbeat value for " + name + ": not a number");
                }
            } else if (!STANDARD_OUTPUT.equals(name)) {
                throw new InvalidJobUpdateException("Unknown heartbeat field: " + name);
            } else if (value.length() > Limits.MAX_PARAMETER_VALUE_LENGTH) {
                throw new InvalidJobUpdateException("Invalid heartbeat value for " + name + ": longer than "
                        + Limits.MAX_PARAMETER_VALUE_LENGTH + " characters");
            }
            checked.put(name, value);
        });
        return checked;
    }
}

package org.jobstream.command.job;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jobstream.api.Limits;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.JobStatus;

/**
 * The type rules of a metadata patch (diracx-reference.md 4.7), pure: each attribute value is
 * checked against {@link JobAttribute#type()} and normalised to the JSON-native form that
 * {@link org.jobstream.events.JobMetadataPatched} documents; the typed job parameters are checked
 * too. A wrong value throws {@link InvalidJobUpdateException}.
 */
final class JobMetadataRules {

    /** Job parameters DiracX types as integers; float text is truncated ({@code "1.5"} is 1). */
    static final Set<String> INTEGER_PARAMETERS =
            Set.of("CPUNormalizationFactor", "NormCPUTime(s)", "TotalCPUTime(s)", "Memory(MB)", "PayloadPID");
    /** The job parameter DiracX types as a UTC time. */
    static final String TIMESTAMP_PARAMETER = "timestamp";

    private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "off", "0");

    private JobMetadataRules() {
    }

    /** Checks and normalises attribute values, keyed by wire name, in the given order. */
    static Map<String, Object> attributes(Map<String, Object> raw) {
        Map<String, Object> normalised = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            JobAttribute attribute = JobAttribute.fromWireName(name)
                    .orElseThrow(() -> new InvalidJobUpdateException("Unknown job attribute: " + name));
            normalised.put(name, attribute(attribute, value));
        });
        return normalised;
    }

    /** Checks and normalises parameter values (text), in the given order. */
    static Map<String, String> parameters(Map<String, String> raw) {
        Map<String, String> normalised = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String value = parameter(entry.getKey(), entry.getValue());
            if (value != null && value.length() > Limits.MAX_PARAMETER_VALUE_LENGTH) {
                throw new InvalidJobUpdateException("Invalid value for " + entry.getKey() + ": longer than "
                        + Limits.MAX_PARAMETER_VALUE_LENGTH + " characters");
            }
            total += value == null ? 0 : value.length();
            normalised.put(entry.getKey(), value);
        }
        if (total > Limits.MAX_PARAMETERS_LENGTH_PER_JOB) {
            throw new InvalidJobUpdateException("The parameters set on one job hold more than "
                    + Limits.MAX_PARAMETERS_LENGTH_PER_JOB + " characters");
        }
        return normalised;
    }

    static Object attribute(JobAttribute attribute, Object value) {
        String name = attribute.wireName();
        if (!attribute.patchable()) {
            throw new InvalidJobUpdateException(name + " cannot be changed: it is fixed when the job is submitted");
        }
        switch (attribute) {
            case STATUS:
                if (value instanceof String label && JobStatus.fromLabel(label).isPresent()) {
                    return label;
                }
                throw invalid(name, "a job status", value);
            case ACCOUNTED_FLAG:
                return accountedFlag(value);
            default:
                break;
        }
        return switch (attribute.type()) {
            case STRING -> string(attribute, value);
            case INTEGER -> integer(name, value);
            case DATETIME -> utcTime(name, value).toString();
            case BOOLEAN -> bool(name, value);
        };
    }

    static String parameter(String name, String value) {
        if (INTEGER_PARAMETERS.contains(name)) {
            try {
                return new BigDecimal(value.trim()).setScale(0, RoundingMode.DOWN).toBigInteger().toString();
            } catch (NumberFormatException e) {
                throw invalid(name, "an integer", value);
            }
        }
        if (TIMESTAMP_PARAMETER.equals(name)) {
            return utcTime(name, value).toString();
        }
        return value;
    }

    private static String string(JobAttribute attribute, Object value) {
        if (!(value instanceof String text)) {
            throw invalid(attribute.wireName(), "a string", value);
        }
        if (text.length() > attribute.maxLength()) {
            throw new InvalidJobUpdateException(
                    "Invalid value for " + attribute.wireName() + ": longer than " + attribute.maxLength() + " characters");
        }
        return text;
    }

    private static Integer integer(String name, Object value) {
        try {
            BigInteger number;
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                number = BigInteger.valueOf(((Number) value).longValue());
            } else if (value instanceof BigInteger big) {
                number = big;
            } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                // a float with no fractional part is an integer (pydantic's lax mode)
                number = new BigDecimal(value.toString()).toBigIntegerExact();
            } else if (value instanceof String text && text.trim().matches("[+-]?\\d+")) {
                number = new BigInteger(text.trim());
            } else {
                throw invalid(name, "an integer", value);
            }
            return number.intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(name, "an integer", value);
        }
    }

    private static Boolean bool(String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value instanceof String || value instanceof Integer || value instanceof Long
                ? value.toString().trim().toLowerCase(Locale.ROOT) : "";
        if (TRUE.contains(text)) {
            return true;
        }
        if (FALSE.contains(text)) {
            return false;
        }
        throw invalid(name, "a boolean", value);
    }

    private static String accountedFlag(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String text) {
            for (String allowed : new String[] {"True", "False", "Failed"}) {
                if (allowed.equalsIgnoreCase(text.trim())) {
                    return allowed;
                }
            }
        }
        throw invalid(JobAttribute.ACCOUNTED_FLAG.wireName(), "true, false or \"Failed\"", value);
    }

    /** A time with a zero UTC offset: an {@code Instant}, or ISO-8601 text with {@code T} or a space. */
    static Instant utcTime(String name, Object value) {
        if (value instanceof Instant instant) {
            return inRange(name, instant);
        }
        OffsetDateTime time;
        try {
            if (value instanceof OffsetDateTime offset) {
                time = offset;
            } else if (value instanceof ZonedDateTime zoned) {
                time = zoned.toOffsetDateTime();
            } else if (value instanceof String text && text.trim().length() > 10) {
                String iso = text.trim();
                if (iso.charAt(10) == ' ') {
                    iso = iso.substring(0, 10) + "T" + iso.substring(11);
                }
                time = OffsetDateTime.parse(iso);
            } else {
                throw invalid(name, "a UTC date-time", value);
            }
        } catch (DateTimeException e) {
            throw invalid(name, "a UTC date-time with its time zone", value);
        }
        if (!time.getOffset().equals(ZoneOffset.UTC)) {
            throw invalid(name, "a UTC date-time", value);
        }
        return inRange(name, JobAttribute.storedPrecision(time.toInstant()));
    }

    private static Instant inRange(String name, Instant time) {
        if (!JobAttribute.inRange(time)) {
            throw new InvalidJobUpdateException("Invalid value for " + name + ": " + time + " is out of range ("
                    + JobAttribute.EARLIEST + " to " + JobAttribute.LATEST + ")");
        }
        return time;
    }

    private static InvalidJobUpdateException invalid(String name, String expected, Object value) {
        String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return new InvalidJobUpdateException("Invalid value for " + name + ": expected " + expected + ", got " + shown);
    }
}

package org.jobstream.query.search;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jobstream.errors.Refused;

/**
 * A date-time filter value as DiracX reads it: possibly partial ({@code "2025"}, {@code "2025-05"},
 * {@code "2025-05-25 07"}, ...), in UTC, standing for the whole period of its precision, the
 * half-open interval [start, end).
 */
record TimePeriod(Instant start, Instant end, ChronoUnit precision) {

    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:[ T](\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?)?)?)?)?Z?");

    static TimePeriod parse(Object value) {
        String text = String.valueOf(value).trim();
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new Refused("Cannot parse value='" + text + "' as a date-time (UTC, e.g. 2025, "
                    + "2025-05, 2025-05-25, 2025-05-25 07, 2025-05-25T07:03:35)");
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = group(m, 2, 1);
            int day = group(m, 3, 1);
            int hour = group(m, 4, 0);
            int minute = group(m, 5, 0);
            int second = group(m, 6, 0);
            LocalDateTime start = LocalDateTime.of(year, month, day, hour, minute, second);
            ChronoUnit precision = m.group(6) != null ? ChronoUnit.SECONDS
                    : m.group(5) != null ? ChronoUnit.MINUTES
                    : m.group(4) != null ? ChronoUnit.HOURS
                    : m.group(3) != null ? ChronoUnit.DAYS
                    : m.group(2) != null ? ChronoUnit.MONTHS : ChronoUnit.YEARS;
            return new TimePeriod(start.toInstant(ZoneOffset.UTC), start.plus(1, precision).toInstant(ZoneOffset.UTC),
                    precision);
        } catch (java.time.DateTimeException e) {
            throw new Refused("Cannot parse value='" + text + "': " + e.getMessage());
        }
    }

    private static int group(Matcher m, int group, int fallback) {
        return m.group(group) == null ? fallback : Integer.parseInt(m.group(group));
    }
}

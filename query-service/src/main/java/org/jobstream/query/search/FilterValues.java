package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jobstream.api.SearchSpec;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;

/**
 * The values of search filters, checked: one {@code value} or a list of {@code values} as the
 * operator takes, each a bounded string, a finite number or a boolean, and of the type of the
 * attribute it is compared with.
 */
final class FilterValues {

    /** The most values of one {@code in}/{@code not in} (Elasticsearch's {@code max_terms_count} is 65536). */
    static final int MAX_VALUES = 10_000;
    /** The longest text value: a keyword term is at most 32766 UTF-8 bytes, 8191 characters of 4 bytes. */
    static final int MAX_VALUE_LENGTH = 8_191;

    private FilterValues() {
    }

    static Object scalar(SearchSpec filter) {
        if (filter.value() == null || filter.values() != null) {
            throw new Refused("Operator " + filter.operator() + " takes one 'value'");
        }
        return checked(filter.value());
    }

    static List<Object> vector(SearchSpec filter) {
        if (filter.values() == null || filter.value() != null) {
            throw new Refused("Operator " + filter.operator() + " takes a list of 'values'");
        }
        if (filter.values().size() > MAX_VALUES) {
            throw new Refused("Operator " + filter.operator() + " takes at most " + MAX_VALUES
                    + " values, not " + filter.values().size());
        }
        filter.values().forEach(FilterValues::checked);
        return filter.values();
    }

    /** A search value: a string (at most {@link #MAX_VALUE_LENGTH} characters), a finite number or a boolean. */
    static Object checked(Object value) {
        if (value instanceof String text) {
            if (text.length() > MAX_VALUE_LENGTH) {
                throw new Refused("A search value is at most " + MAX_VALUE_LENGTH + " characters long, not "
                        + text.length());
            }
            return value;
        }
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            throw new Refused("A search value is a finite number, not " + value);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new Refused("A search value is a string or a number, not "
                + (value == null ? "null" : value instanceof List ? "a list" : value instanceof Map ? "an object" : value));
    }

    /** A value as the attribute's field holds it. */
    static FieldValue of(JobAttribute attribute, Object value) {
        return switch (attribute.type()) {
            case INTEGER -> FieldValue.of(integer(attribute, value));
            case BOOLEAN -> FieldValue.of(bool(attribute, value));
            case STRING, DATETIME -> FieldValue.of(String.valueOf(value));
        };
    }

    /** A value as parameter text: a whole number without a fraction ({@code 5.0} is {@code "5"}). */
    static String text(Object value) {
        return value instanceof Double d && d == Math.rint(d) ? new BigDecimal(d).toBigInteger().toString()
                : String.valueOf(value);
    }

    private static long integer(JobAttribute attribute, Object value) {
        if (value instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new Refused(attribute.wireName() + " takes integers, not " + value);
        }
    }

    private static boolean bool(JobAttribute attribute, Object value) {
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new Refused(attribute.wireName() + " takes true or false, not " + value);
    }
}

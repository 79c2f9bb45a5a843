package org.jobstream.query.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;

/**
 * The fields a request selects ({@code parameters} of a search) or groups by ({@code grouping} of
 * a summary), in the order of the answer: job attributes and job parameters, and for a search the
 * pseudo-field {@code LoggingInfo}. A parameter that a job does not have is {@code null} in its
 * row, whether or not any other job has it.
 */
record Selection(List<JobField> fields, boolean loggingInfo) {

    static final String LOGGING_INFO = "LoggingInfo";
    /** The most fields one request may name: each is a column of every row, or a key of every group. */
    static final int MAX_FIELDS = 100;

    private static final List<JobField> ATTRIBUTES =
            Arrays.stream(JobAttribute.values()).<JobField>map(JobField.Attribute::new).toList();

    /** The fields of a search: every attribute when none is named; {@code JobID} too with {@code LoggingInfo}. */
    static Selection of(List<String> requested) {
        List<String> names = distinctNames(requested, "selected");
        boolean loggingInfo = names.remove(LOGGING_INFO);
        if (names.isEmpty()) {
            return new Selection(ATTRIBUTES, loggingInfo);
        }
        if (loggingInfo && !names.contains(JobAttribute.JOB_ID.wireName())) {
            names.add(0, JobAttribute.JOB_ID.wireName());
        }
        return new Selection(names.stream().map(JobField::of).toList(), loggingInfo);
    }

    /** The fields of a summary: every attribute when none is named. */
    static Selection grouping(List<String> requested) {
        List<String> names = distinctNames(requested, "grouped by");
        if (names.contains(LOGGING_INFO)) {
            throw new Refused(LOGGING_INFO + " cannot be grouped by");
        }
        return new Selection(names.isEmpty() ? ATTRIBUTES : names.stream().map(JobField::of).toList(), false);
    }

    private static List<String> distinctNames(List<String> requested, String what) {
        if (requested.stream().anyMatch(Objects::isNull)) {
            throw new Refused("A field name is null");
        }
        List<String> names = new ArrayList<>(requested.stream().distinct().toList());
        if (names.size() > MAX_FIELDS) {
            throw new Refused("At most " + MAX_FIELDS + " fields can be " + what + ", not " + names.size());
        }
        return names;
    }

    /** The names as the answer shows them. */
    List<String> names() {
        return fields.stream().map(JobField::name).toList();
    }

    /** The index fields of the selected values, for source filtering and aggregations. */
    List<String> indexFields() {
        return fields.stream().map(JobField::indexField).toList();
    }

    /** A job's row: the selected values of its index document (its {@code _source}). */
    @SuppressWarnings("unchecked")
    Map<String, Object> row(Map<String, Object> source) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> parameters = source.get(JobDocumentFields.PARAMETERS) instanceof Map<?, ?> p
                ? (Map<String, Object>) p : Map.of();
        for (JobField field : fields) {
            row.put(field.name(), field instanceof JobField.Attribute ? source.get(field.name()) : parameters.get(field.name()));
        }
        return row;
    }

    /** The {@code index}th field's aggregation key as the answer shows it (dates as ISO text, like the documents). */
    Object output(int index, Object key) {
        if (fields.get(index) instanceof JobField.Attribute a && a.attribute().type() == JobAttribute.Type.DATETIME
                && key instanceof Long millis) {
            return Instant.ofEpochMilli(millis).toString();
        }
        return key;
    }
}

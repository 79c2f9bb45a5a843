package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jobstream.api.SortSpec;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;

/**
 * The order of results: sort keys are job attributes, {@code asc} or {@code desc}. Documents come
 * in JobID order by default, and JobID is always the last key, so that pages are stable. Distinct
 * rows are sorted here, by their selected fields.
 */
final class Sorting {

    private Sorting() {
    }

    /** The sort of a search of documents: the keys in order, then JobID ascending unless a key already is JobID. */
    static List<SortOptions> options(List<SortSpec> sort) {
        List<SortOptions> options = new ArrayList<>();
        boolean byJobId = false;
        for (SortSpec spec : sort) {
            JobAttribute attribute = attribute(spec);
            SortOrder order = ascending(spec) ? SortOrder.Asc : SortOrder.Desc;
            byJobId |= attribute == JobAttribute.JOB_ID;
            options.add(SortOptions.of(o -> o.field(f -> f.field(attribute.wireName()).order(order))));
        }
        if (!byJobId) {
            options.add(SortOptions.of(o -> o.field(f -> f.field(JobAttribute.JOB_ID.wireName()).order(SortOrder.Asc))));
        }
        return options;
    }

    /**
     * The order of distinct rows: by the sort keys, which must be selected; without keys, by every
     * selected field in turn (parameters too), ascending. {@code null} comes first.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Map<String, Object>> rows(List<SortSpec> sort, Selection selection) {
        List<String> selected = selection.names();
        List<Map.Entry<String, Boolean>> keys = new ArrayList<>();
        if (sort.isEmpty()) {
            selected.forEach(name -> keys.add(Map.entry(name, true)));
        }
        for (SortSpec spec : sort) {
            String name = attribute(spec).wireName();
            if (!selected.contains(name)) {
                throw new Refused("Cannot sort distinct rows by " + name + ": it is not selected");
            }
            keys.add(Map.entry(name, ascending(spec)));
        }
        Comparator<Map<String, Object>> comparator = (a, b) -> 0;
        for (Map.Entry<String, Boolean> key : keys) {
            Comparator<Map<String, Object>> byKey = Comparator.comparing(
                    (Function<Map<String, Object>, Comparable>) row -> (Comparable) row.get(key.getKey()),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            comparator = comparator.thenComparing(key.getValue() ? byKey : byKey.reversed());
        }
        return comparator;
    }

    private static JobAttribute attribute(SortSpec spec) {
        if (spec.parameter() == null) {
            throw new Refused("A sort key needs a parameter");
        }
        return JobAttribute.fromWireName(spec.parameter()).orElseThrow(() -> new Refused(
                "Cannot sort by " + JobField.shown(spec.parameter()) + ": sort keys are job attributes"));
    }

    /** true for ascending. */
    private static boolean ascending(SortSpec spec) {
        return switch (String.valueOf(spec.direction())) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new Invalid("Sort direction must be 'asc' or 'desc', not " + spec.direction());
        };
    }
}

package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobstream.errors.Refused;

/**
 * Every group of a composite aggregation, page after page: each bucket becomes a row of the
 * selected fields' values (in the answer's form) and its count. The rows held at once are bounded:
 * {@value #MAX_GROUPS} groups, fewer when the groups have more than {@value #MAX_KEYS_PER_GROUP}
 * keys each, so that a request with many fields cannot hold millions of values.
 */
final class CompositeWalk {

    /** The buckets one request asks for. */
    static final int PAGE = 1_000;
    /** The most groups one request may produce. */
    static final int MAX_GROUPS = 100_000;
    /** The widest groups that may number {@link #MAX_GROUPS}: a group of every job attribute. */
    static final int MAX_KEYS_PER_GROUP = 21;

    /** One request: the buckets after {@code after} (null: from the start). */
    interface Buckets {
        BucketPage next(Map<String, FieldValue> after);
    }

    /** A bucket: its key values by source name, and its count. */
    record Bucket(Map<String, FieldValue> key, long count) {
    }

    /** What one request found, and the key to continue after. */
    record BucketPage(List<Bucket> buckets, Map<String, FieldValue> afterKey) {
    }

    /** A group: the selected fields' values by name, and how many jobs have them. */
    record Group(Map<String, Object> values, long count) {
    }

    private CompositeWalk() {
    }

    /** The name of the {@code index}th source of the aggregation: positions, since parameter names are anything. */
    static String source(int index) {
        return "f" + index;
    }

    /** The most groups a request selecting {@code fields} fields may produce. */
    static int maxGroups(int fields) {
        return fields <= MAX_KEYS_PER_GROUP ? MAX_GROUPS : MAX_GROUPS * MAX_KEYS_PER_GROUP / fields;
    }

    static List<Group> groups(Selection selection, Buckets buckets) {
        int fields = selection.fields().size();
        int max = maxGroups(fields);
        List<String> names = selection.names();
        List<Group> groups = new ArrayList<>();
        Map<String, FieldValue> after = null;
        do {
            BucketPage page = buckets.next(after);
            for (Bucket bucket : page.buckets()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < fields; i++) {
                    FieldValue key = bucket.key().get(source(i));
                    values.put(names.get(i), key == null || key.isNull() ? null : selection.output(i, key._get()));
                }
                groups.add(new Group(values, bucket.count()));
            }
            if (groups.size() > max) {
                throw new Refused("More than " + max + " groups: narrow the search");
            }
            after = page.buckets().size() < PAGE ? null : page.afterKey();
        } while (after != null && !after.isEmpty());
        return groups;
    }
}

package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A page beyond Elasticsearch's from/size window: the sorted hits of a point in time are walked
 * with {@code search_after}, skipping (without their sources) in chunks of at most the window,
 * then reading the page's rows. The total is counted once, by the first request.
 */
final class PointInTimeWalk {

    /** One request of the walk: the next {@code size} hits after {@code after} (null: from the start). */
    interface Hits {
        Chunk next(List<FieldValue> after, int size, boolean withRows, boolean countTotal);
    }

    /**
     * What one request found: its rows (none when skipping), how many hits, the sort values of the
     * last one, and the total count when asked for.
     */
    record Chunk(List<Map<String, Object>> rows, int hits, List<FieldValue> lastSort, long total) {
    }

    private PointInTimeWalk() {
    }

    static Page page(long first, int perPage, int window, Hits hits) {
        long skipped = 0;
        long total = -1;
        List<FieldValue> after = null;
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rows.size() < perPage) {
            boolean skipping = skipped < first;
            int size = skipping ? (int) Math.min(window, first - skipped) : perPage - rows.size();
            Chunk chunk = hits.next(after, size, !skipping, total < 0);
            if (total < 0) {
                total = chunk.total();
            }
            if (chunk.hits() == 0) {
                break;
            }
            after = chunk.lastSort();
            if (skipping) {
                skipped += chunk.hits();
            } else {
                rows.addAll(chunk.rows());
            }
        }
        return new Page(rows, total, first);
    }
}

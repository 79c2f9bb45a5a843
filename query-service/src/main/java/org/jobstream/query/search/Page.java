package org.jobstream.query.search;

import java.util.List;
import java.util.Map;

/**
 * One page of results: its rows, the count of every matching row, and the position of its first
 * row among them (from 0).
 */
record Page(List<Map<String, Object>> jobs, long total, long first) {

    /** The rows {@code [first, first + perPage)} of all the rows, in their order. */
    static Page of(List<Map<String, Object>> all, long first, int perPage) {
        int from = (int) Math.min(first, all.size());
        int to = (int) Math.min(first + perPage, all.size());
        return new Page(List.copyOf(all.subList(from, to)), all.size(), first);
    }
}

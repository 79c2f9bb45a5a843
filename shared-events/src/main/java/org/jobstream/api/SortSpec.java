package org.jobstream.api;

/** One sort key of a search: {@code {"parameter", "direction": "asc"|"desc"}}. */
public record SortSpec(String parameter, String direction) {
}

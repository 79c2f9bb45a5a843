package org.jobstream.api;

import java.util.List;

/**
 * The body of {@code POST /api/jobs/search} (DiracX's {@code SearchParams}): which fields to return,
 * which filters (all AND-ed), in which order, with or without duplicate rows.
 */
public record SearchParams(List<String> parameters, List<SearchSpec> search, List<SortSpec> sort, boolean distinct) {

    public SearchParams {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        search = search == null ? List.of() : List.copyOf(search);
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    public static SearchParams all() {
        return new SearchParams(List.of(), List.of(), List.of(), false);
    }
}

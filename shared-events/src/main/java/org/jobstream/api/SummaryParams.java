package org.jobstream.api;

import java.util.List;

/** The body of {@code POST /api/jobs/summary}: group the matching visible jobs by these fields and count them. */
public record SummaryParams(List<String> grouping, List<SearchSpec> search) {

    public SummaryParams {
        search = search == null ? List.of() : List.copyOf(search);
    }
}

package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.SearchParams;
import org.jobstream.api.SummaryParams;
import org.jobstream.errors.Invalid;
import org.jobstream.query.search.CompositeWalk.Group;
import org.springframework.stereotype.Component;

/**
 * Search and summary over the Elasticsearch index of jobs: filters ({@link SearchFilters}), field
 * selection ({@link Selection}: job attributes, job parameters, and the status history
 * {@code LoggingInfo}), sorting ({@link Sorting}), distinct rows and summaries ({@link JobGroups})
 * and pages at any depth ({@link DocumentPages}).
 */
@Component
public class JobSearch {

    /** The most results one page may hold (DiracX's {@code MAX_PER_PAGE}). */
    public static final int MAX_PER_PAGE = 10_000;

    private final DocumentPages documents;
    private final JobGroups groups;
    private final JobLoggingReader logging;

    JobSearch(DocumentPages documents, JobGroups groups, JobLoggingReader logging) {
        this.documents = documents;
        this.groups = groups;
        this.logging = logging;
    }

    Page search(SearchParams params, JobVisibility visibility, int page, int perPage) {
        Selection selection = Selection.of(params.parameters());
        Query query = SearchFilters.toQuery(params.search(), visibility);
        long first = (long) (page - 1) * perPage;
        Page result = params.distinct()
                ? distinct(query, selection, params, first, perPage)
                : documents.page(query, selection, Sorting.options(params.sort()), first, perPage);
        if (selection.loggingInfo()) {
            logging.attach(result.jobs());
        }
        return result;
    }

    public List<Map<String, Object>> summary(SummaryParams params, JobVisibility visibility) {
        if (params.grouping() == null) {
            throw new Invalid("grouping is required");
        }
        Selection selection = Selection.grouping(params.grouping());
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Group group : groups.groups(SearchFilters.toQuery(params.search(), visibility), selection)) {
            Map<String, Object> row = new LinkedHashMap<>(group.values());
            row.put("count", group.count());
            summary.add(row);
        }
        return summary;
    }

    /** Distinct rows of the selected fields: every group, sorted and paged here. */
    private Page distinct(Query query, Selection selection, SearchParams params, long first, int perPage) {
        Comparator<Map<String, Object>> order = Sorting.rows(params.sort(), selection);
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.groups(query, selection).forEach(group -> rows.add(new LinkedHashMap<>(group.values())));
        rows.sort(order);
        return Page.of(rows, first, perPage);
    }
}

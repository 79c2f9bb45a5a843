package org.jobstream.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pages of job documents at any depth: within Elasticsearch's from/size window one request, beyond
 * it a walk of a point in time ({@link PointInTimeWalk}).
 */
@Component
class DocumentPages {

    /** Elasticsearch's window for from/size paging (the index's {@code max_result_window}). */
    static final int WINDOW = 10_000;
    private static final String KEEP_ALIVE = "1m";

    private final ElasticsearchClient client;
    private final String alias;

    DocumentPages(ElasticsearchClient client, @Value("${jobstream.elasticsearch.jobs-alias}") String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** Whether rows {@code [first, first + perPage)} are within the from/size window. */
    static boolean withinWindow(long first, int perPage) {
        return first + perPage <= WINDOW;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Page page(Query query, Selection selection, List<SortOptions> sort, long first, int perPage) {
        try {
            if (withinWindow(first, perPage)) {
                SearchResponse<Map> response = client.search(new SearchRequest.Builder()
                        .index(alias)
                        .query(query)
                        .sort(sort)
                        .trackTotalHits(t -> t.enabled(true))
                        .source(s -> s.filter(f -> f.includes(selection.indexFields())))
                        .from((int) first).size(perPage).build(), Map.class);
                return new Page(rows(response, selection), total(response), first);
            }
            return deepPage(query, selection, sort, first, perPage);
        } catch (ElasticsearchException e) {
            throw SearchErrors.refused(e);
        } catch (IOException e) {
            throw SearchErrors.unavailable(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Page deepPage(Query query, Selection selection, List<SortOptions> sort, long first, int perPage)
            throws IOException {
        String pit = client.openPointInTime(p -> p.index(alias).keepAlive(k -> k.time(KEEP_ALIVE))).id();
        try {
            return PointInTimeWalk.page(first, perPage, WINDOW, (after, size, withRows, countTotal) -> {
                SearchRequest.Builder request = new SearchRequest.Builder()
                        .query(query).sort(sort).size(size)
                        .pit(p -> p.id(pit).keepAlive(k -> k.time(KEEP_ALIVE)))
                        .trackTotalHits(t -> t.enabled(countTotal));
                if (withRows) {
                    request.source(s -> s.filter(f -> f.includes(selection.indexFields())));
                } else {
                    request.source(s -> s.fetch(false));
                }
                if (after != null) {
                    request.searchAfter(after);
                }
                try {
                    SearchResponse<Map> response = client.search(request.build(), Map.class);
                    List<Hit<Map>> hits = response.hits().hits();
                    return new PointInTimeWalk.Chunk(withRows ? rows(response, selection) : List.of(), hits.size(),
                            hits.isEmpty() ? null : hits.get(hits.size() - 1).sort(), countTotal ? total(response) : -1);
                } catch (IOException e) {
                    throw SearchErrors.unavailable(e);
                }
            });
        } finally {
            client.closePointInTime(c -> c.id(pit));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Map<String, Object>> rows(SearchResponse<Map> response, Selection selection) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            rows.add(selection.row((Map<String, Object>) hit.source()));
        }
        return rows;
    }

    @SuppressWarnings("rawtypes")
    private static long total(SearchResponse<Map> response) {
        return response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
    }
}

package org.jobstream.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.SearchParams;
import org.jobstream.api.SortSpec;
import org.jobstream.api.SummaryParams;
import org.jobstream.events.JobAttribute;
import org.jobstream.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Search and summary over the Elasticsearch index of jobs. */
@Component
public class JobSearch {

    /** The most results one page may hold (DiracX's {@code MAX_PER_PAGE}). */
    public static final int MAX_PER_PAGE = 10_000;
    private static final int COMPOSITE_PAGE = 1_000;

    /** One page of results and the total count of matching jobs. */
    public record Page(List<Map<String, Object>> jobs, long total, long first) {
    }

    private final ElasticsearchClient client;
    private final String alias;

    JobSearch(ElasticsearchClient client, @Value("${jobstream.elasticsearch.jobs-alias}") String alias) {
        this.client = client;
        this.alias = alias;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Page search(SearchParams params, JobVisibility visibility, int page, int perPage) {
        List<String> fields = selectedFields(params.parameters());
        if (params.distinct()) {
            throw ApiException.badRequest("distinct is not supported yet");
        }
        Query query = SearchFilters.toQuery(params.search(), visibility);
        List<SortOptions> sort = sortOptions(params.sort());
        long first = (long) (page - 1) * perPage;
        if (first + perPage > MAX_PER_PAGE) {
            throw ApiException.badRequest("Pages beyond the first " + MAX_PER_PAGE + " results are not supported yet");
        }
        try {
            SearchResponse<Map> response = client.search(s -> s
                    .index(alias)
                    .query(query)
                    .sort(sort)
                    .from((int) first)
                    .size(perPage)
                    .trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes(fields))), Map.class);
            List<Map<String, Object>> jobs = new ArrayList<>();
            for (Hit<Map> hit : response.hits().hits()) {
                jobs.add(ordered((Map<String, Object>) hit.source(), fields));
            }
            return new Page(jobs, response.hits().total() == null ? jobs.size() : response.hits().total().value(), first);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch search failed", e);
        }
    }

    public List<Map<String, Object>> summary(SummaryParams params, JobVisibility visibility) {
        if (params.grouping() == null) {
            throw ApiException.badRequest("grouping is required");
        }
        List<String> grouping = params.grouping().isEmpty()
                ? Arrays.stream(JobAttribute.values()).map(JobAttribute::wireName).toList()
                : validated(params.grouping());
        Query query = SearchFilters.toQuery(params.search(), visibility);
        List<Map<String, Object>> groups = new ArrayList<>();
        Map<String, co.elastic.clients.elasticsearch._types.FieldValue> after = null;
        try {
            do {
                Map<String, co.elastic.clients.elasticsearch._types.FieldValue> afterKey = after;
                SearchResponse<Void> response = client.search(s -> s
                        .index(alias)
                        .size(0)
                        .query(query)
                        .aggregations("groups", a -> a.composite(c -> {
                            c.size(COMPOSITE_PAGE).sources(grouping.stream()
                                    .map(field -> Map.of(field, CompositeAggregationSource.of(src -> src
                                            .terms(t -> t.field(field).missingBucket(true)))))
                                    .toList());
                            if (afterKey != null) {
                                c.after(afterKey);
                            }
                            return c;
                        })), Void.class);
                var composite = response.aggregations().get("groups").composite();
                for (CompositeBucket bucket : composite.buckets().array()) {
                    Map<String, Object> group = new LinkedHashMap<>();
                    grouping.forEach(field -> group.put(field, bucket.key().get(field).isNull() ? null
                            : bucket.key().get(field)._get()));
                    group.put("count", bucket.docCount());
                    groups.add(group);
                }
                after = composite.buckets().array().size() < COMPOSITE_PAGE || composite.afterKey() == null
                        ? null : composite.afterKey();
            } while (after != null);
            return groups;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch aggregation failed", e);
        }
    }

    private static List<String> selectedFields(List<String> parameters) {
        if (parameters.isEmpty()) {
            return Arrays.stream(JobAttribute.values()).map(JobAttribute::wireName).toList();
        }
        return validated(parameters);
    }

    private static List<String> validated(List<String> names) {
        Set<String> unknown = names.stream()
                .filter(name -> JobAttribute.fromWireName(name).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("Unrecognised parameters requested " + unknown);
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static List<SortOptions> sortOptions(List<SortSpec> sort) {
        List<SortOptions> options = new ArrayList<>();
        boolean byJobId = false;
        for (SortSpec spec : sort) {
            JobAttribute attribute = JobAttribute.fromWireName(spec.parameter()).orElseThrow(() ->
                    ApiException.badRequest("Cannot sort by " + spec.parameter() + ": unknown column"));
            SortOrder order = switch (String.valueOf(spec.direction())) {
                case "asc" -> SortOrder.Asc;
                case "desc" -> SortOrder.Desc;
                default -> throw new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
                        "Sort direction must be 'asc' or 'desc', not " + spec.direction());
            };
            byJobId |= attribute == JobAttribute.JOB_ID;
            options.add(SortOptions.of(o -> o.field(f -> f.field(attribute.wireName()).order(order))));
        }
        if (!byJobId) {
            // JobID order by default, and as the last key so that pages are stable.
            options.add(SortOptions.of(o -> o.field(f -> f.field(JobAttribute.JOB_ID.wireName()).order(SortOrder.Asc))));
        }
        return options;
    }

    private static Map<String, Object> ordered(Map<String, Object> source, List<String> fields) {
        Map<String, Object> job = new LinkedHashMap<>();
        fields.forEach(field -> job.put(field, source.get(field)));
        return job;
    }

}

package org.jobstream.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.api.SearchParams;
import org.jobstream.api.SearchSpec;
import org.jobstream.api.SortSpec;
import org.jobstream.api.SummaryParams;
import org.jobstream.events.JobAttribute;
import org.jobstream.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Search and summary over the Elasticsearch index of jobs: filters, field selection (job
 * attributes, job parameters, and the status history {@code LoggingInfo}), sorting, distinct rows
 * and pages at any depth.
 */
@Component
public class JobSearch {

    private static final Logger log = LoggerFactory.getLogger(JobSearch.class);

    /** The most results one page may hold (DiracX's {@code MAX_PER_PAGE}). */
    public static final int MAX_PER_PAGE = 10_000;
    /** Elasticsearch's window for from/size paging; deeper pages walk a point in time. */
    private static final int WINDOW = 10_000;
    private static final int COMPOSITE_PAGE = 1_000;
    /** The most distinct rows or summary groups one request may produce. */
    private static final int MAX_GROUPS = 100_000;

    /** One page of results and the total count of matching rows. */
    public record Page(List<Map<String, Object>> jobs, long total, long first) {
    }

    private final ElasticsearchClient client;
    private final ParameterCatalog catalog;
    private final JobLoggingReader logging;
    private final String alias;

    JobSearch(ElasticsearchClient client, ParameterCatalog catalog, JobLoggingReader logging,
              @Value("${jobstream.elasticsearch.jobs-alias}") String alias) {
        this.client = client;
        this.catalog = catalog;
        this.logging = logging;
        this.alias = alias;
    }

    public Page search(SearchParams params, JobVisibility visibility, int page, int perPage) {
        Selection selection = Selection.of(params.parameters(), catalog);
        Query query = query(params.search(), visibility);
        long first = (long) (page - 1) * perPage;
        Page result = params.distinct()
                ? distinct(query, selection, params.sort(), first, perPage)
                : documents(query, selection, sortOptions(params.sort()), first, perPage);
        if (selection.loggingInfo()) {
            logging.attach(result.jobs());
        }
        return result;
    }

    public List<Map<String, Object>> summary(SummaryParams params, JobVisibility visibility) {
        if (params.grouping() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "grouping is required");
        }
        List<String> grouping = params.grouping().isEmpty()
                ? Arrays.stream(JobAttribute.values()).map(JobAttribute::wireName).toList()
                : params.grouping();
        Selection selection = Selection.of(grouping, catalog);
        if (selection.loggingInfo()) {
            throw ApiException.badRequest("LoggingInfo cannot be grouped by");
        }
        List<Map<String, Object>> groups = groups(query(params.search(), visibility), selection);
        groups.forEach(group -> group.put("count", group.remove(COUNT)));
        return groups;
    }

    private Query query(List<SearchSpec> filters, JobVisibility visibility) {
        List<String> names = filters.stream().filter(Objects::nonNull).map(SearchSpec::parameter)
                .filter(Objects::nonNull).filter(name -> JobAttribute.fromWireName(name).isEmpty()).toList();
        return SearchFilters.toQuery(filters, visibility, names.isEmpty() ? Set.of() : catalog.including(names));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Page documents(Query query, Selection selection, List<SortOptions> sort, long first, int perPage) {
        try {
            if (first + perPage <= WINDOW) {
                SearchResponse<Map> response = client.search(request(query, selection, sort)
                        .from((int) first).size(perPage).build(), Map.class);
                return new Page(rows(response, selection), total(response), first);
            }
            return deepPage(query, selection, sort, first, perPage);
        } catch (ElasticsearchException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch search failed", e);
        }
    }

    /** A page beyond the from/size window: walk a point in time with search_after. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Page deepPage(Query query, Selection selection, List<SortOptions> sort, long first, int perPage)
            throws IOException {
        String pit = client.openPointInTime(p -> p.index(alias).keepAlive(k -> k.time("1m"))).id();
        try {
            long skipped = 0;
            long total = -1;
            List<FieldValue> after = null;
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rows.size() < perPage) {
                boolean skipping = skipped < first;
                int size = skipping ? (int) Math.min(WINDOW, first - skipped) : perPage - rows.size();
                boolean countTotal = total < 0;
                SearchRequest.Builder request = new SearchRequest.Builder()
                        .query(query).sort(sort).size(size)
                        .pit(p -> p.id(pit).keepAlive(k -> k.time("1m")))
                        .trackTotalHits(t -> t.enabled(countTotal));
                if (skipping) {
                    request.source(s -> s.fetch(false));
                } else {
                    request.source(s -> s.filter(f -> f.includes(selection.sourceFields())));
                }
                if (after != null) {
                    request.searchAfter(after);
                }
                SearchResponse<Map> response = client.search(request.build(), Map.class);
                if (total < 0) {
                    total = total(response);
                }
                List<Hit<Map>> hits = response.hits().hits();
                if (hits.isEmpty()) {
                    break;
                }
                after = hits.get(hits.size() - 1).sort();
                if (skipping) {
                    skipped += hits.size();
                } else {
                    rows.addAll(rows(response, selection));
                }
            }
            return new Page(rows, total, first);
        } finally {
            client.closePointInTime(c -> c.id(pit));
        }
    }

    /** Distinct rows of the selected fields: a composite aggregation, sorted and paged here. */
    private Page distinct(Query query, Selection selection, List<SortSpec> sort, long first, int perPage) {
        List<Map<String, Object>> rows = groups(query, selection);
        rows.forEach(row -> row.remove(COUNT));
        rows.sort(comparator(sort, selection));
        int from = (int) Math.min(first, rows.size());
        int to = (int) Math.min(first + perPage, rows.size());
        return new Page(new ArrayList<>(rows.subList(from, to)), rows.size(), first);
    }

    private static final String COUNT = "\u0000count";

    private List<Map<String, Object>> groups(Query query, Selection selection) {
        List<String> fields = selection.indexFields();
        List<Map<String, Object>> groups = new ArrayList<>();
        Map<String, FieldValue> after = null;
        try {
            do {
                Map<String, FieldValue> afterKey = after;
                SearchResponse<Void> response = client.search(s -> s
                        .index(alias)
                        .size(0)
                        .query(query)
                        .aggregations("groups", a -> a.composite(c -> {
                            c.size(COMPOSITE_PAGE).sources(fields.stream()
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
                    for (int i = 0; i < fields.size(); i++) {
                        FieldValue key = bucket.key().get(fields.get(i));
                        group.put(selection.names().get(i), key == null || key.isNull() ? null : selection.output(i, key._get()));
                    }
                    group.put(COUNT, bucket.docCount());
                    groups.add(group);
                }
                if (groups.size() > MAX_GROUPS) {
                    throw ApiException.badRequest("More than " + MAX_GROUPS + " groups: narrow the search");
                }
                after = composite.buckets().array().size() < COMPOSITE_PAGE ? null : composite.afterKey();
            } while (after != null && !after.isEmpty());
            return groups;
        } catch (ElasticsearchException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch aggregation failed", e);
        }
    }

    /**
     * Elasticsearch answers {@code 400} for a query it cannot build from valid-looking input that
     * only it can judge: a regular expression in a syntax Lucene does not read (e.g. {@code \p{L}})
     * or one too complex to determinise (e.g. {@code [ab]*a[ab]{20}}). That is the client's
     * mistake, so it is a {@code 400} with Elasticsearch's reason; anything else stays an error.
     */
    private static RuntimeException refused(ElasticsearchException e) {
        if (e.status() != HttpStatus.BAD_REQUEST.value()) {
            return e;
        }
        ErrorCause cause = e.error().rootCause().isEmpty() ? e.error() : e.error().rootCause().get(0);
        log.warn("Elasticsearch refused a search: {} ({})", cause.reason(), cause.type());
        return ApiException.badRequest("Invalid search: " + cause.reason());
    }

    private SearchRequest.Builder request(Query query, Selection selection, List<SortOptions> sort) {
        return new SearchRequest.Builder()
                .index(alias)
                .query(query)
                .sort(sort)
                .trackTotalHits(t -> t.enabled(true))
                .source(s -> s.filter(f -> f.includes(selection.sourceFields())));
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

    private static List<SortOptions> sortOptions(List<SortSpec> sort) {
        List<SortOptions> options = new ArrayList<>();
        boolean byJobId = false;
        for (SortSpec spec : sort) {
            JobAttribute attribute = sortAttribute(spec);
            SortOrder order = direction(spec) ? SortOrder.Asc : SortOrder.Desc;
            byJobId |= attribute == JobAttribute.JOB_ID;
            options.add(SortOptions.of(o -> o.field(f -> f.field(attribute.wireName()).order(order))));
        }
        if (!byJobId) {
            // JobID order by default, and as the last key so that pages are stable.
            options.add(SortOptions.of(o -> o.field(f -> f.field(JobAttribute.JOB_ID.wireName()).order(SortOrder.Asc))));
        }
        return options;
    }

    private static Comparator<Map<String, Object>> comparator(List<SortSpec> sort, Selection selection) {
        Comparator<Map<String, Object>> comparator = (a, b) -> 0;
        List<SortSpec> keys = new ArrayList<>(sort);
        if (keys.isEmpty()) {
            selection.names().forEach(name -> keys.add(new SortSpec(name, "asc")));
        }
        for (SortSpec spec : keys) {
            String name = sortAttribute(spec).wireName();
            if (!selection.names().contains(name)) {
                throw ApiException.badRequest("Cannot sort distinct rows by " + name + ": it is not selected");
            }
            Comparator<Map<String, Object>> byKey = Comparator.comparing(
                    (Function<Map<String, Object>, Comparable>) row -> (Comparable) row.get(name),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            comparator = comparator.thenComparing(direction(spec) ? byKey : byKey.reversed());
        }
        return comparator;
    }

    private static JobAttribute sortAttribute(SortSpec spec) {
        if (spec.parameter() == null) {
            throw ApiException.badRequest("A sort key needs a parameter");
        }
        return JobAttribute.fromWireName(spec.parameter()).orElseThrow(() ->
                ApiException.badRequest("Cannot sort by " + spec.parameter() + ": unknown column"));
    }

    /** true for ascending. */
    private static boolean direction(SortSpec spec) {
        return switch (String.valueOf(spec.direction())) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Sort direction must be 'asc' or 'desc', not " + spec.direction());
        };
    }

    /** Fields of the index a request selects, in the order of the answer. */
    record Selection(List<String> names, List<String> indexFields, boolean loggingInfo) {

        static final String LOGGING_INFO = "LoggingInfo";
        /** The most unknown names an error message lists. */
        private static final int MAX_NAMES_SHOWN = 20;

        static Selection of(List<String> requested, ParameterCatalog catalog) {
            if (requested.stream().anyMatch(Objects::isNull)) {
                throw ApiException.badRequest("A field name is null");
            }
            List<String> names = requested.stream().distinct().filter(n -> !LOGGING_INFO.equals(n)).toList();
            boolean loggingInfo = requested.contains(LOGGING_INFO);
            if (names.isEmpty()) {
                names = Arrays.stream(JobAttribute.values()).map(JobAttribute::wireName).toList();
            } else if (loggingInfo && !names.contains(JobAttribute.JOB_ID.wireName())) {
                names = new ArrayList<>(names);
                names.add(0, JobAttribute.JOB_ID.wireName());
            }
            // One look at the catalog for all names: one per name would be a round trip to
            // Elasticsearch for each unknown one, thousands for one request.
            List<String> parameters = names.stream().filter(n -> JobAttribute.fromWireName(n).isEmpty()).toList();
            Set<String> known = parameters.isEmpty() ? Set.of() : catalog.including(parameters);
            List<String> unknown = parameters.stream().filter(n -> !known.contains(n)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("Unrecognised parameters requested " + (unknown.size() <= MAX_NAMES_SHOWN
                        ? unknown
                        : unknown.subList(0, MAX_NAMES_SHOWN) + " and " + (unknown.size() - MAX_NAMES_SHOWN) + " more"));
            }
            List<String> fields = names.stream()
                    .map(n -> JobAttribute.fromWireName(n).isPresent() ? n : JobDocumentFields.PARAMETERS + "." + n)
                    .toList();
            return new Selection(List.copyOf(names), fields, loggingInfo);
        }

        List<String> sourceFields() {
            return indexFields;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> row(Map<String, Object> source) {
            Map<String, Object> row = new LinkedHashMap<>();
            Map<String, Object> parameters = source.get(JobDocumentFields.PARAMETERS) instanceof Map<?, ?> p
                    ? (Map<String, Object>) p : Map.of();
            for (String name : names) {
                row.put(name, JobAttribute.fromWireName(name).isPresent() ? source.get(name) : parameters.get(name));
            }
            return row;
        }

        /** An aggregation key as the answer shows it (dates as ISO text, like the documents). */
        Object output(int index, Object key) {
            return JobAttribute.fromWireName(names.get(index))
                    .filter(a -> a.type() == JobAttribute.Type.DATETIME && key instanceof Long)
                    .<Object>map(a -> java.time.Instant.ofEpochMilli((Long) key).toString())
                    .orElse(key);
        }
    }
}

package org.jobstream.projections.check;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.projections.jobs.JobDocuments;
import org.jobstream.projections.jobs.JobDocuments.JobDocument;
import org.jobstream.projections.rebuild.MaintenanceLock;
import org.jobstream.projections.rebuild.Progress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compares the Elasticsearch documents behind the jobs alias with the live PostgreSQL rows they
 * are made from: every row has its document, at the same version (the job's event sequence
 * number) and with the same fields, and the index has no document without a row. The live
 * consumers run meanwhile: a document whose version moved on since its row was read is skipped,
 * and every apparent difference is looked at again once the batches running at that moment have
 * committed.
 */
@Component
public class IndexComparison {

    private static final int BATCH = 500;
    private static final ObjectMapper JSON = JobEventCodec.defaultMapper();
    private static final int MAX_VALUE_LENGTH = 80;
    private static final int MAX_PARAMETERS_SHOWN = 5;
    private static final Set<String> DERIVED_FROM_PARAMETERS =
            Set.of(JobDocumentFields.PARAMETER_TEXT, JobDocumentFields.PARAMETER_NUMBERS);

    private final ElasticsearchClient client;
    private final JobDocuments live;
    private final JdbcClient jdbc;
    private final String alias;

    public IndexComparison(ElasticsearchClient client, JobDocuments live, JdbcClient jdbc,
                           @Value("${jobstream.elasticsearch.jobs-alias}") String alias) {
        this.client = client;
        this.live = live;
        this.jdbc = jdbc;
        this.alias = alias;
    }

    /** The outcome: documents compared, skipped because they changed meanwhile, and the differences. */
    public record Result(long compared, long changedMeanwhile, long differenceCount, List<Difference> differences) {
    }

    /** An index document: its version (the job's event sequence number) and its source. */
    record Indexed(long version, JsonNode source) {
    }

    public Result compare(MaintenanceLock lock, Duration settleTimeout, int maxReported, Progress progress)
            throws SQLException {
        long compared = 0;
        long changed = 0;
        Map<Long, Long> suspects = new LinkedHashMap<>();
        long after = 0;
        while (true) {
            List<JobDocument> rows = live.loadAfter(after, BATCH);
            if (rows.isEmpty()) {
                break;
            }
            Map<Long, Indexed> documents = fetch(rows.stream().map(JobDocument::jobId).toList());
            for (JobDocument row : rows) {
                Indexed document = documents.get(row.jobId());
                compared++;
                if (document != null && document.version() > row.eventSeq()) {
                    changed++;
                } else if (mismatch(row, document) != null) {
                    suspects.put(row.jobId(), document == null ? -1 : document.version());
                }
            }
            after = rows.stream().mapToLong(JobDocument::jobId).max().orElseThrow();
        }
        for (long orphan : documentsWithoutRow()) {
            suspects.putIfAbsent(orphan, -1L);
        }
        progress.line("Compared " + compared + " index documents with the live rows; " + suspects.size()
                + " to look at again" + (changed == 0 ? "" : ", " + changed + " changed meanwhile"));
        if (suspects.isEmpty()) {
            return new Result(compared, changed, 0, List.of());
        }
        // Batches running while the documents were read may have written an index document and
        // not yet committed its row: look again once they have.
        lock.settle(settleTimeout);
        List<Difference> differences = new ArrayList<>();
        long count = 0;
        List<Long> ids = new ArrayList<>(suspects.keySet());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Map<Long, JobDocument> rows = live.load(chunk).stream()
                    .collect(Collectors.toMap(JobDocument::jobId, row -> row));
            Map<Long, Indexed> documents = fetch(chunk);
            for (long id : chunk) {
                JobDocument row = rows.get(id);
                Indexed document = documents.get(id);
                String mismatch;
                if (row == null) {
                    mismatch = document == null ? null : "in the index (version " + document.version()
                            + ") but not in the live read model";
                } else if (document != null && document.version() != suspects.get(id) && document.version() > row.eventSeq()) {
                    changed++;
                    mismatch = null;
                } else {
                    mismatch = mismatch(row, document);
                }
                if (mismatch != null) {
                    count++;
                    if (differences.size() < maxReported) {
                        differences.add(new Difference(id, "index", mismatch));
                    }
                }
            }
        }
        return new Result(compared, changed, count, differences);
    }

    /** What differs between a row and its document, or null when they agree. */
    static String mismatch(JobDocument row, Indexed document) {
        if (document == null) {
            return "missing from the index";
        }
        if (document.version() != row.eventSeq()) {
            return "index document has version " + document.version() + ", the live row event_seq " + row.eventSeq();
        }
        JsonNode expected = withoutNulls(JSON.valueToTree(row.fields()));
        JsonNode actual = withoutNulls(document.source());
        expected = reparse(expected);
        if (expected.equals(actual)) {
            return null;
        }
        Set<String> fields = new TreeSet<>();
        expected.fieldNames().forEachRemaining(fields::add);
        actual.fieldNames().forEachRemaining(fields::add);
        JsonNode e = expected;
        fields.removeIf(f -> e.path(f).equals(actual.path(f)));
        if (fields.contains(JobDocumentFields.PARAMETERS)) {
            // The parameters' terms are made from the parameters: name the parameters that differ.
            fields.removeAll(DERIVED_FROM_PARAMETERS);
        }
        return "differs in " + fields.stream()
                .map(f -> f.equals(JobDocumentFields.PARAMETERS)
                        ? f + " (" + parameterDifferences(actual.path(f), e.path(f)) + ")"
                        : f + " (index " + value(actual.get(f)) + ", live row " + value(e.get(f)) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The parameters whose values differ, the first few of them with both values. */
    private static String parameterDifferences(JsonNode indexed, JsonNode live) {
        Set<String> names = new TreeSet<>();
        indexed.fieldNames().forEachRemaining(names::add);
        live.fieldNames().forEachRemaining(names::add);
        List<String> differing = names.stream().filter(n -> !indexed.path(n).equals(live.path(n))).toList();
        String shown = differing.stream().limit(MAX_PARAMETERS_SHOWN)
                .map(n -> n + ": index " + value(indexed.get(n)) + ", live row " + value(live.get(n)))
                .collect(Collectors.joining("; "));
        return differing.size() <= MAX_PARAMETERS_SHOWN ? shown
                : shown + "; and " + (differing.size() - MAX_PARAMETERS_SHOWN) + " more parameters";
    }

    private Map<Long, Indexed> fetch(Collection<Long> ids) {
        try {
            List<String> keys = ids.stream().map(String::valueOf).toList();
            MgetResponse<ObjectNode> response = client.mget(m -> m.index(alias).ids(keys), ObjectNode.class);
            Map<Long, Indexed> found = new HashMap<>();
            for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("Cannot read document " + item.failure().id() + ": "
                            + item.failure().error().reason());
                }
                GetResult<ObjectNode> result = item.result();
                if (result.found()) {
                    found.put(Long.parseLong(result.id()), new Indexed(result.version() == null ? -1 : result.version(),
                            result.source()));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the index", e);
        }
    }

    /** Documents of the index whose job has no live row, walking every document ID in JobID order. */
    private Set<Long> documentsWithoutRow() {
        Set<Long> orphans = new LinkedHashSet<>();
        List<FieldValue> after = null;
        try {
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<ObjectNode> page = client.search(s -> {
                    s.index(alias).size(1_000).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false))
                            .sort(o -> o.field(f -> f.field("JobID").order(SortOrder.Asc)));
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, ObjectNode.class);
                List<Hit<ObjectNode>> hits = page.hits().hits();
                if (hits.isEmpty()) {
                    return orphans;
                }
                List<Long> ids = hits.stream().map(hit -> Long.parseLong(hit.id())).toList();
                orphans.addAll(jdbc.sql("SELECT id FROM unnest(CAST(:ids AS bigint[])) AS id "
                                + "WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE job_id = id)")
                        .param("ids", ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                        .query(Long.class)
                        .list());
                after = hits.get(hits.size() - 1).sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the index", e);
        }
    }

    private static JsonNode reparse(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops null fields: the index client leaves them out of the stored document. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node == null) {
            return JSON.nullNode();
        }
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    fields.remove();
                } else {
                    strip(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(IndexComparison::strip);
        }
    }

    private static String value(JsonNode node) {
        String text = node == null || node.isNull() ? "null" : node.toString();
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
    }
}

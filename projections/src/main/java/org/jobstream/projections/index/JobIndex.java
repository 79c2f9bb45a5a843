package org.jobstream.projections.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.IndexState;
import com.fasterxml.jackson.databind.ObjectMapper;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jobstream.projections.jobs.JobDocuments;
import org.jobstream.projections.jobs.JobDocuments.JobDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch index of jobs, reached through an alias so that a new index can be filled
 * while the old one answers, then switched in. Documents are written with external versioning
 * (the job's event sequence number): Elasticsearch itself refuses a document older than the one
 * it holds, so redelivery and concurrent writers cannot move a job back in time.
 *
 * <p>The index definition carries a schema version ({@code _meta.schema_version}). At start-up an
 * index of an older version is replaced: a new index is filled from the PostgreSQL read model and
 * the alias switched to it, before this instance consumes any event.
 */
@Component
public class JobIndex implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(JobIndex.class);
    private static final int VERSION_CONFLICT = 409;
    private static final String DEFINITION = "/elasticsearch/jobs-index.json";
    private static final String SCHEMA_VERSION = "schema_version";
    private static final int REINDEX_BATCH = 1_000;
    private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

    private final ElasticsearchClient client;
    private final JobDocuments documents;
    private final String alias;
    private final int schemaVersion;
    private final int replicas;

    public JobIndex(ElasticsearchClient client, JobDocuments documents,
                    @Value("${jobstream.elasticsearch.jobs-alias}") String alias,
                    @Value("${jobstream.elasticsearch.replicas:0}") int replicas) throws IOException {
        this.client = client;
        this.documents = documents;
        this.alias = alias;
        this.replicas = replicas;
        try (InputStream definition = JobIndex.class.getResourceAsStream(DEFINITION)) {
            this.schemaVersion = new ObjectMapper().readTree(definition).at("/mappings/_meta/" + SCHEMA_VERSION).asInt();
        }
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        Optional<String> current = currentIndex();
        if (current.isEmpty()) {
            String index = createIndex();
            switchAlias(Optional.empty(), index);
            log.info("Created Elasticsearch index {} (schema {}) behind alias {}", index, schemaVersion, alias);
            return;
        }
        applyReplicas(current.get());
        int version = versionOf(current.get());
        if (version < schemaVersion) {
            log.info("Index {} has schema {}, this version needs {}: rebuilding it from the read model",
                    current.get(), version, schemaVersion);
            String index = createIndex();
            fillFromReadModel(index);
            switchAlias(current, index);
            delete(current.get());
        }
    }

    /** The concrete index behind the alias, if there is one. */
    public Optional<String> currentIndex() throws IOException {
        if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
            return Optional.empty();
        }
        return client.indices().getAlias(a -> a.name(alias)).result().keySet().stream()
                .max(Comparator.naturalOrder());
    }

    /** A new, empty index with the current definition, not yet behind the alias. */
    public String createIndex() throws IOException {
        String index = alias + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        try (InputStream definition = JobIndex.class.getResourceAsStream(DEFINITION)) {
            client.indices().create(c -> c.index(index).withJson(definition));
        }
        applyReplicas(index);
        return index;
    }

    /**
     * Gives the index the configured number of replicas of its shard ({@code
     * jobstream.elasticsearch.replicas}: 0 on one node, 1 on a cluster, so that a node may die
     * without losing the index or its searches); an existing index is changed in place.
     */
    private void applyReplicas(String index) throws IOException {
        String wanted = Integer.toString(replicas);
        String now = client.indices().getSettings(g -> g.index(index).name("index.number_of_replicas"))
                .result().values().stream().findFirst()
                .map(IndexState::settings)
                .map(settings -> settings.index() != null ? settings.index().numberOfReplicas() : settings.numberOfReplicas())
                .orElse(null);
        if (!wanted.equals(now)) {
            client.indices().putSettings(p -> p.index(index).settings(s -> s.numberOfReplicas(wanted)));
            log.info("Index {} now has {} replica(s) of its shard (was {})", index, wanted, now);
        }
    }

    /** Points the alias at {@code next} (and away from {@code previous}) in one atomic step. */
    public void switchAlias(Optional<String> previous, String next) throws IOException {
        client.indices().updateAliases(u -> {
            previous.ifPresent(old -> u.actions(a -> a.remove(r -> r.index(old).alias(alias))));
            return u.actions(a -> a.add(add -> add.index(next).alias(alias).isWriteIndex(true)));
        });
        log.info("Alias {} now points at {}", alias, next);
    }

    /** Fills {@code index} with every job of the PostgreSQL read model, logging progress. */
    public long fillFromReadModel(String index) {
        return fill(index, documents, log::info);
    }

    /**
     * Fills {@code index} with every job that {@code source} reads (a read model in any schema),
     * reporting progress every few seconds, and refreshes it so that every job is searchable.
     */
    public long fill(String index, JobDocuments source, Consumer<String> progress) {
        long after = 0;
        long count = 0;
        long started = System.nanoTime();
        long reported = started;
        while (true) {
            List<JobDocument> batch = source.loadAfter(after, REINDEX_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            bulk(index, batch);
            count += batch.size();
            after = batch.stream().mapToLong(JobDocument::jobId).max().orElseThrow();
            if (System.nanoTime() - reported > PROGRESS_INTERVAL_NANOS) {
                reported = System.nanoTime();
                progress.accept("Indexed " + count + " jobs into " + index + " ("
                        + count * 1_000_000_000L / Math.max(1, reported - started) + " jobs/s)");
            }
        }
        refresh(index);
        progress.accept("Indexed " + count + " jobs into " + index + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return count;
    }

    /** Writes documents into one concrete index (not the alias), without waiting for a refresh. */
    public void write(String index, List<JobDocument> batch) {
        bulk(index, batch);
    }

    /** Makes everything written to {@code index} searchable now. */
    public void refresh(String index) {
        try {
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String index) throws IOException {
        client.indices().delete(d -> d.index(index));
        log.info("Deleted index {}", index);
    }

    private int versionOf(String index) throws IOException {
        Map<String, JsonData> meta = client.indices().getMapping(m -> m.index(index)).result().get(index).mappings().meta();
        JsonData version = meta == null ? null : meta.get(SCHEMA_VERSION);
        return version == null ? 1 : version.to(Integer.class);
    }

    /** Whether the cluster answers and the index is usable. */
    public boolean answers() {
        try {
            return client.cluster().health(h -> h.index(alias).timeout(t -> t.time("2s"))).status()
                    != co.elastic.clients.elasticsearch._types.HealthStatus.Red;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Writes the documents in one bulk request, without waiting for them to become searchable: the
     * projections' {@code SearchableRefresher} refreshes the index and notes what that made
     * searchable, once for many batches.
     */
    public void index(List<JobDocument> batch) {
        bulk(alias, batch);
    }

    /** Makes everything written through the alias so far searchable. */
    public void refreshAlias() {
        refresh(alias);
    }

    private void bulk(String target, List<JobDocument> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            BulkResponse response = client.bulk(b -> {
                for (JobDocument document : batch) {
                    b.operations(op -> op.index(i -> i
                            .index(target)
                            .id(Long.toString(document.jobId()))
                            .version(document.eventSeq())
                            .versionType(VersionType.External)
                            .document(document.fields())));
                }
                return b;
            });
            if (response.errors()) {
                List<BulkResponseItem> failed = response.items().stream()
                        .filter(item -> item.error() != null && item.status() != VERSION_CONFLICT)
                        .toList();
                if (!failed.isEmpty()) {
                    String message = failed.size() + " of " + batch.size() + " documents failed, first: "
                            + failed.get(0).error().type() + ": " + failed.get(0).error().reason();
                    if (failed.stream().anyMatch(JobIndex::refusedForNow)) {
                        throw new ElasticsearchBusyException(message);
                    }
                    throw new IndexingException(message);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch bulk request failed", e);
        }
    }

    /**
     * Whether Elasticsearch refused a document for now, not for what it holds: too busy (429, its
     * write queue full), unavailable, or writes blocked (the disk's flood stage, a read-only index).
     */
    static boolean refusedForNow(BulkResponseItem item) {
        String type = item.error() == null ? "" : String.valueOf(item.error().type());
        return item.status() == 429 || item.status() == 503 || type.equals("es_rejected_execution_exception")
                || type.equals("cluster_block_exception");
    }

    /** Some documents were refused for what they hold: the batch is applied one record at a time and the culprit parked. */
    public static final class IndexingException extends RuntimeException {
        IndexingException(String message) {
            super(message);
        }
    }

    /** Elasticsearch refused documents for now (busy, writes blocked): the batch is retried with back-off, never parked. */
    public static final class ElasticsearchBusyException extends RuntimeException {
        ElasticsearchBusyException(String message) {
            super(message);
        }
    }
}

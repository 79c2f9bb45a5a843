package org.jobstream.projections.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jobstream.projections.jobs.JobDocuments.JobDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch index of jobs, reached through an alias so that a rebuild can fill a fresh
 * index and switch the alias over. Documents are written with external versioning (the job's
 * event sequence number): Elasticsearch itself refuses a document older than the one it holds, so
 * redelivery and concurrent writers cannot move a job back in time.
 */
@Component
public class JobIndex implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(JobIndex.class);
    private static final int VERSION_CONFLICT = 409;

    private final ElasticsearchClient client;
    private final String alias;

    public JobIndex(ElasticsearchClient client, @Value("${jobstream.elasticsearch.jobs-alias}") String alias) {
        this.client = client;
        this.alias = alias;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        ensureExists();
    }

    /** Creates the first index and its alias when there is none. */
    public void ensureExists() throws IOException {
        if (client.indices().existsAlias(a -> a.name(alias)).value()) {
            return;
        }
        String index = newIndexName();
        try (InputStream definition = JobIndex.class.getResourceAsStream("/elasticsearch/jobs-index.json")) {
            client.indices().create(c -> c.index(index).withJson(definition).aliases(alias, a -> a.isWriteIndex(true)));
        }
        log.info("Created Elasticsearch index {} behind alias {}", index, alias);
    }

    String newIndexName() {
        return alias + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    }

    /**
     * Writes the documents in one bulk request and makes them searchable before returning (the
     * read-your-writes promise of the query side depends on it).
     */
    public void index(List<JobDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            BulkResponse response = client.bulk(b -> {
                b.refresh(Refresh.True);
                for (JobDocument document : documents) {
                    b.operations(op -> op.index(i -> i
                            .index(alias)
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
                    throw new IndexingException(failed.size() + " of " + documents.size()
                            + " documents failed, first: " + failed.get(0).error().reason());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch bulk request failed", e);
        }
    }

    /** Some documents could not be indexed; the batch is retried. */
    public static final class IndexingException extends RuntimeException {
        IndexingException(String message) {
            super(message);
        }
    }
}

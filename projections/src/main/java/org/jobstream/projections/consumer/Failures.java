package org.jobstream.projections.consumer;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import org.jobstream.projections.index.JobIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an outage or a refusal for now (PostgreSQL, Elasticsearch or the network away,
 * Elasticsearch too busy or its disk full: wait and retry, never skip) from a record the read
 * models refuse for what it holds (park it and go on).
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException && !(cause instanceof NonTransientDataAccessResourceException)
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof UncheckedIOException
                    || cause instanceof IOException
                    || cause instanceof TransportException && ((TransportException) cause).statusCode() >= 500
                    || cause instanceof TransportException && ((TransportException) cause).statusCode() == 429
                    || cause instanceof ElasticsearchException es && (es.status() == 429 || es.status() >= 500
                            || "cluster_block_exception".equals(es.error().type()))
                    || cause instanceof JobIndex.ElasticsearchBusyException) {
                return true;
            }
        }
        return false;
    }
}

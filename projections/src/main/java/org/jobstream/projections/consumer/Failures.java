package org.jobstream.projections.consumer;

import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an outage (PostgreSQL, Elasticsearch or the network away: wait and retry, never skip) from
 * a record the read models refuse for what it holds (park it and go on).
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
                    || cause instanceof TransportException && ((TransportException) cause).statusCode() >= 500) {
                return true;
            }
        }
        return false;
    }
}

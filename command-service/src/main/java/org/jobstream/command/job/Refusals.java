package org.jobstream.command.job;

import java.sql.SQLException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a refusal (a command that fails the same every time: an illegal transition, a bad value)
 * from a failure worth a retry: a lost optimistic-locking race (a {@link ConcurrencyException},
 * from the database's duplicate key) or the database failing.
 */
public final class Refusals {

    private Refusals() {
    }

    /** Whether this failure itself is a refusal (the retry scheduler asks about each cause in turn). */
    public static boolean isRefusal(Throwable failure) {
        return !(failure instanceof ConcurrencyException
                || failure instanceof SQLException
                || failure instanceof TransientDataAccessException
                || failure instanceof DataAccessResourceFailureException);
    }

    /** Whether the failure and every cause of it are refusals: nothing in it is worth a retry. */
    public static boolean isRefusalThroughout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (!isRefusal(cause)) {
                return false;
            }
        }
        return true;
    }
}

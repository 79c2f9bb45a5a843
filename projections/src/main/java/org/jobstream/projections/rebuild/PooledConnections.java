package org.jobstream.projections.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives a borrowed connection back to its pool, or out of it when its session state could not be reset. */
final class PooledConnections {

    private static final Logger log = LoggerFactory.getLogger(PooledConnections.class);

    private PooledConnections() {
    }

    /**
     * Returns {@code connection} to the pool after {@code reset}; when the reset fails the
     * connection is evicted instead, so that no other user of the pool inherits its session state
     * (a search path, an advisory lock).
     */
    static void release(DataSource pool, Connection connection, SessionReset reset) {
        try {
            reset.apply(connection);
        } catch (SQLException | RuntimeException e) {
            log.warn("Cannot reset a pooled connection ({}): evicting it", e.getMessage());
            if (pool instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
                return;
            }
            try {
                connection.abort(Runnable::run);
            } catch (SQLException abortFailed) {
                log.warn("Cannot abort the connection: {}", abortFailed.getMessage());
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Cannot return a connection to the pool: {}", e.getMessage());
        }
    }

    @FunctionalInterface
    interface SessionReset {
        void apply(Connection connection) throws SQLException;
    }
}

package org.jobstream.projections.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jobstream.projections.consumer.ProjectionBatch;

/**
 * The advisory locks of a rebuild or check, held by one connection of the pool for as long as it
 * runs: a lock that lets one of them run at a time (across every projections instance), and
 * {@link ProjectionBatch#PAUSE_LOCK}, taken exclusively to pause the live consumers. Every batch
 * transaction holds that lock shared, so taking it waits for the running batches to commit, and
 * new batches wait until it is released. Closing releases both and returns the connection.
 */
public final class MaintenanceLock implements AutoCloseable {

    /** Held for the whole run of a rebuild or check. */
    static final long RUN_LOCK = ProjectionBatch.PAUSE_LOCK + 1;

    private final DataSource pool;
    private final Connection connection;
    private boolean paused;

    private MaintenanceLock(DataSource pool, Connection connection) {
        this.pool = pool;
        this.connection = connection;
    }

    /** The run lock, unless another rebuild or check holds it. */
    public static Optional<MaintenanceLock> tryAcquire(DataSource pool) throws SQLException {
        Connection connection = pool.getConnection();
        boolean acquired = false;
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, RUN_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                acquired = rs.getBoolean(1);
            }
        } finally {
            if (!acquired) {
                connection.close();
            }
        }
        return acquired ? Optional.of(new MaintenanceLock(pool, connection)) : Optional.empty();
    }

    /**
     * Pauses the live consumers: returns once no batch is running and none can start.
     *
     * @throws IllegalStateException when the running batches do not finish within {@code timeout}
     */
    public void pause(Duration timeout) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'");
            statement.execute("SELECT pg_advisory_lock(" + ProjectionBatch.PAUSE_LOCK + ")");
            connection.commit();
            paused = true;
        } catch (SQLException e) {
            connection.rollback();
            if ("55P03".equals(e.getSQLState())) {
                throw new IllegalStateException("The projections did not pause within " + timeout
                        + ": a batch is still running", e);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Lets the live consumers go on. */
    public void resume() throws SQLException {
        if (!paused) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + ProjectionBatch.PAUSE_LOCK + ")");
        }
        paused = false;
    }

    /** Waits until the batches running now have committed (pauses and resumes at once). */
    public void settle(Duration timeout) throws SQLException {
        pause(timeout);
        resume();
    }

    @Override
    public void close() {
        PooledConnections.release(pool, connection, c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock_all()");
            }
        });
    }
}

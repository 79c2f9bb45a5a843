package org.jobstream.projections.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One connection of the pool whose unqualified table names mean the tables of one schema, so that
 * the projectors (which name {@code jobs}, {@code job_logging}, ...) write into a fresh read model.
 * Closing it restores the connection's search path before the pool gets it back.
 */
public final class SchemaSession implements AutoCloseable {

    private final DataSource pool;
    private final Connection connection;
    private final String originalSearchPath;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    private SchemaSession(DataSource pool, Connection connection, String originalSearchPath) {
        this.pool = pool;
        this.connection = connection;
        this.originalSearchPath = originalSearchPath;
        SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
        this.jdbc = JdbcClient.create(single);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
    }

    /** Borrows a connection from {@code pool} and points its search path at {@code schema} only. */
    public static SchemaSession open(DataSource pool, String schema) throws SQLException {
        Connection connection = pool.getConnection();
        try {
            String original;
            try (PreparedStatement show = connection.prepareStatement("SELECT current_setting('search_path')");
                 ResultSet rs = show.executeQuery()) {
                rs.next();
                original = rs.getString(1);
            }
            setSearchPath(connection, ReadModelSchemas.identifier(schema));
            return new SchemaSession(pool, connection, original);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Statements on this session's schema; inside {@link #transactions()} they join the transaction. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public void close() {
        PooledConnections.release(pool, connection, c -> {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            setSearchPath(c, originalSearchPath);
        });
    }

    private static void setSearchPath(Connection connection, String searchPath) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            set.setString(1, searchPath);
            set.execute();
        }
    }
}

package org.jobstream.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * Fresh event stores for this module's tests: one real PostgreSQL for the test run, a new database
 * for each store, with the event store's migrations (Axon's schema and the store's own tables).
 */
final class FreshStores {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private FreshStores() {
    }

    /** A pool on a new, migrated database whose connections search {@code searchPath}. */
    static synchronized HikariDataSource create(String searchPath) throws SQLException {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String database = "store_" + DATABASES.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setConnectionInitSql("SET search_path TO " + searchPath);
        HikariDataSource pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).schemas("eventstore").locations("classpath:db/eventstore").load().migrate();
        return pool;
    }
}

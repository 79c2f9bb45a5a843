package org.jobstream.projections.jobs;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A real PostgreSQL (embedded binaries, started once per test JVM) with the read model's
 * migrations applied in a fresh schema for each test.
 */
final class ReadModelDatabase {

    private static EmbeddedPostgres postgres;
    private static int schemas;

    private ReadModelDatabase() {
    }

    static synchronized JdbcClient fresh() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
        }
        String schema = "readmodel_test_" + (++schemas);
        DataSource admin = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(admin).schemas(schema).locations("classpath:db/readmodel").load().migrate();
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("currentSchema", schema);
        SingleConnectionDataSource scoped = new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"), true);
        scoped.setConnectionProperties(properties);
        return JdbcClient.create(scoped);
    }
}

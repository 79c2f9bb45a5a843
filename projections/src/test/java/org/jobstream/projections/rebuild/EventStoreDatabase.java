package org.jobstream.projections.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.EventTableRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real PostgreSQL (embedded binaries, started once per test JVM) with, in a fresh database per
 * test, the live read model (schema {@code readmodel}) and the event store (schema
 * {@code eventstore}), each by its migrations, reached through a connection pool set up as the service's.
 */
public final class EventStoreDatabase implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");

    private static EmbeddedPostgres postgres;
    private static int databases;

    public final HikariDataSource pool;
    public final JdbcClient jdbc;
    public final TransactionTemplate transactions;

    private EventStoreDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
    }

    /** A fresh database whose pool has at most {@code poolSize} connections. */
    public static synchronized EventStoreDatabase fresh(int poolSize) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            String database = "store_" + (++databases);
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
            config.setUsername("postgres");
            config.setMaximumPoolSize(poolSize);
            config.setConnectionInitSql("SET search_path TO readmodel, eventstore");
            HikariDataSource pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).schemas("readmodel").locations("classpath:db/readmodel")
                    .table("flyway_schema_history").load().migrate();
            // Axon's tables as the command side creates them: shared-store's migrations.
            Flyway.configure().dataSource(pool).schemas("eventstore").locations("classpath:db/eventstore")
                    .table("flyway_schema_history").load().migrate();
            return new EventStoreDatabase(pool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public ReadModelSchemas schemas() {
        return new ReadModelSchemas(pool, jdbc, transactions, "readmodel", "classpath:db/readmodel", "flyway_schema_history");
    }

    public static JobSubmitted submitted(long jobId) {
        return new JobSubmitted(jobId, "alice", "lhcb_user", "lhcb", "job-" + jobId, "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", T0, "[ JobID = " + jobId + "; ]",
                List.of(), List.of());
    }

    /** Stores a job event at a given global index, as Axon's JDBC engine does (with its type's revision). */
    public void append(long globalIndex, long sequence, JobEvent event) {
        append(globalIndex, Long.toString(event.jobId()), sequence, event.getClass().getName(),
                JobEventType.of(event).storedRevision(), json(event));
    }

    /** Stores an event of an earlier version of its type, as Jobstream stored it before the current one. */
    public void appendOlder(long globalIndex, long jobId, long sequence, OlderEventVersion version, Record event) {
        append(globalIndex, Long.toString(jobId), sequence, version.storedPayloadType(), version.storedRevision(),
                json(version.eventClass().cast(event)));
    }

    public void append(long globalIndex, String aggregate, long sequence, String payloadType, byte[] payload) {
        append(globalIndex, aggregate, sequence, payloadType, null, payload);
    }

    private void append(long globalIndex, String aggregate, long sequence, String payloadType, String revision,
                        byte[] payload) {
        try (Connection db = pool.getConnection()) {
            EventTableRows.append(db, List.of(new EventTableRows.Row(globalIndex, aggregate, sequence,
                    "event-" + globalIndex, T0.plusSeconds(globalIndex).toString(), payloadType, revision, payload, null)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(Object event) {
        try {
            return JobEventCodec.defaultMapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

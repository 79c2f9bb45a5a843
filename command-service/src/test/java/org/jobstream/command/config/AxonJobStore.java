package org.jobstream.command.config;

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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.jobstream.command.job.Job;
import org.jobstream.commands.RecordHeartbeat;
import org.jobstream.commands.SubmitJob;
import org.jobstream.events.JobStatus;
import org.jobstream.events.cloud.JobEventCodec;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The command service's event store on a real PostgreSQL (embedded binaries, started once per test
 * JVM; a fresh database each time, made by the service's migrations): Axon's JDBC storage engine with
 * the service's snapshot serialiser, snapshot filter and upcaster, and a Job repository without a
 * cache, so that every load reads the store.
 */
public final class AxonJobStore implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    private static EmbeddedPostgres postgres;
    private static int databases;

    public final HikariDataSource pool;
    final TransactionManager transactions;
    private final int snapshotThreshold;
    private EmbeddedEventStore events;
    private EventSourcingRepository<Job> jobs;

    private AxonJobStore(HikariDataSource pool, int snapshotThreshold) {
        this.pool = pool;
        this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(pool));
        this.snapshotThreshold = snapshotThreshold;
        open(new JobSnapshots().jobSnapshotFilter());
    }

    /** A fresh store whose jobs are snapshotted every {@code snapshotThreshold} events. */
    public static synchronized AxonJobStore fresh(int snapshotThreshold) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            String database = "jobs_" + (++databases);
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
            config.setUsername("postgres");
            config.setMaximumPoolSize(4);
            config.setConnectionInitSql("SET search_path TO eventstore");
            HikariDataSource pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).schemas("eventstore").locations("classpath:db/eventstore").load().migrate();
            return new AxonJobStore(pool, snapshotThreshold);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** (Re)opens the event store and the repository, reading snapshots through {@code filter}. */
    void open(SnapshotFilter filter) {
        if (events != null) {
            events.shutDown();
        }
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(pool))
                .transactionManager(transactions)
                .eventSerializer(JacksonSerializer.builder().objectMapper(JobEventCodec.defaultMapper()).build())
                .snapshotSerializer(JobSnapshots.serializer())
                .snapshotFilter(filter)
                .upcasterChain(new EventUpcasterChain(new OlderEventVersionsUpcaster()))
                .build();
        events = EmbeddedEventStore.builder().storageEngine(engine).build();
        AggregateSnapshotter snapshotter = AggregateSnapshotter.builder()
                .eventStore(events)
                .aggregateFactories(new GenericAggregateFactory<>(Job.class))
                .transactionManager(transactions)
                .build();
        jobs = EventSourcingRepository.builder(Job.class)
                .eventStore(events)
                .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(snapshotter, snapshotThreshold))
                .build();
    }

    /** The Job repository (no cache). */
    public EventSourcingRepository<Job> jobs() {
        return jobs;
    }

    EmbeddedEventStore events() {
        return events;
    }

    public <R> R inUnitOfWork(Callable<R> task) throws Exception {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        unit.attachTransaction(transactions);
        var result = unit.executeWithResult(task);
        if (result.isExceptional()) {
            throw (Exception) result.exceptionResult();
        }
        return result.getPayload();
    }

    public void submit(long jobId, JobStatus status) throws Exception {
        inUnitOfWork(() -> jobs.newInstance(() -> new Job(new SubmitJob(jobId, "alice", "lhcb_user", "lhcb", "job",
                "User", "00000000", "ANY", 1, status, "Assigned", T0, "[ Executable = \"echo\"; ]", List.of(),
                List.of()))));
    }

    void heartbeat(long jobId, int n) throws Exception {
        inUnitOfWork(() -> jobs.load(Long.toString(jobId)).invoke(job -> job.handle(new RecordHeartbeat(jobId,
                Map.of("LoadAverage", "1.5", "CPUConsumed", Integer.toString(n)), T0.plusSeconds(n)))));
    }

    /** The job as the repository loads it. */
    Job load(long jobId) throws Exception {
        return inUnitOfWork(() -> jobs.load(Long.toString(jobId)).invoke(Function.identity()));
    }

    /** The job replayed from all its events, no snapshot read. */
    Job replayed(long jobId) throws Exception {
        open(SnapshotFilter.rejectAll());
        try {
            return load(jobId);
        } finally {
            open(new JobSnapshots().jobSnapshotFilter());
        }
    }

    @Override
    public void close() {
        events.shutDown();
        pool.close();
    }
}

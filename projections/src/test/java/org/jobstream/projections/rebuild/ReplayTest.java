package org.jobstream.projections.rebuild;

import org.jobstream.store.EventStoreReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.projections.rebuild.EventStoreDatabase.submitted;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.time.Instant;
import java.util.Map;
import org.jobstream.events.HeartbeatReceivedV1;
import org.jobstream.events.JobMetadataPatched;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.events.StatusRecord;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.projections.jobs.JobTableProjector;
import org.jobstream.store.EventStoreReader.IndexRange;
import org.jobstream.store.EventStoreReader.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading the event store in global order and replaying it into a fresh schema, with late commits in gaps. */
class ReplayTest {

    private EventStoreDatabase db;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void freshStore() {
        // Two connections (Flyway needs both): whatever a session leaves on one, later users of the pool see.
        db = EventStoreDatabase.fresh(2);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void storedJobEventsAreReadInGlobalOrderAsTheyWerePublished() {
        db.append(2, 0, submitted(12));
        db.append(1, 0, submitted(11));
        db.append(3, "sandbox-1", 0, "org.jobstream.command.sandbox.SandboxRegistered", "{}".getBytes(StandardCharsets.UTF_8));

        List<StoredEvent> events = new EventStoreReader(db.jdbc).readAfter(0, 10);

        assertThat(events).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L);
        RecordedJobEvent first = events.get(0).event();
        assertThat(first.id()).isEqualTo("event-1");
        assertThat(first.sequence()).isZero();
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.time()).isEqualTo(EventStoreDatabase.T0.plusSeconds(1));
        assertThat(first.event()).isEqualTo(submitted(11));
        assertThat(events.get(2).event()).as("another aggregate's event is not a job event").isNull();
        assertThat(events.get(2).unreadable()).isNull();
        assertThat(new EventStoreReader(db.jdbc).head()).isEqualTo(3);
        assertThat(new EventStoreReader(db.jdbc).readAfter(1, 1)).extracting(StoredEvent::position).containsExactly(2L);
    }

    @Test
    void anUnreadableJobEventIsReportedNotThrown() {
        db.append(1, "7", 0, JobSubmitted.class.getName(), "{\"jobId\": \"not a number\"}".getBytes(StandardCharsets.UTF_8));

        StoredEvent event = new EventStoreReader(db.jdbc).readAfter(0, 10).get(0);

        assertThat(event.event()).isNull();
        assertThat(event.unreadable()).contains("event-1").contains(JobSubmitted.class.getName());
    }

    @Test
    void eventsInGivenRangesAreReadTogether() {
        for (long i = 1; i <= 9; i++) {
            db.append(i, 0, submitted(100 + i));
        }

        List<StoredEvent> events = new EventStoreReader(db.jdbc).readRanges(List.of(new IndexRange(2, 3), new IndexRange(7, 7)));

        assertThat(events).extracting(StoredEvent::position).containsExactly(2L, 3L, 7L);
    }

    @Test
    void theFinalPassPicksUpEventsCommittedLateInGapsAndAfterTheFirstPass() throws Exception {
        db.append(1, 0, submitted(1));
        db.append(2, 0, submitted(2));
        db.append(5, 0, submitted(5));
        db.append(6, 0, submitted(6));
        ReadModelSchemas schemas = db.schemas();
        schemas.recreate("readmodel_next");

        try (SchemaSession session = SchemaSession.open(db.pool, "readmodel_next")) {
            Replay replay = new Replay(new EventStoreReader(db.jdbc), new JobTableProjector(session.jdbc()),
                    session.transactions(), 2, Duration.ZERO, progress::add);

            assertThat(replay.firstPass()).isEqualTo(4);
            assertThat(replay.gaps()).containsExactly(new IndexRange(3, 4));
            assertThat(replay.lastRead()).isEqualTo(6);

            db.append(4, 0, submitted(4));
            db.append(7, 0, submitted(7));
            db.append(8, 0, submitted(8));
            Set<Long> changed = replay.finalPass();

            assertThat(changed).containsExactly(4L, 7L, 8L);
            assertThat(replay.events()).isEqualTo(7);
        }
        assertThat(jobIds("readmodel_next")).containsExactly(1L, 2L, 4L, 5L, 6L, 7L, 8L);
        assertThat(jobIds("readmodel")).as("the live read model is untouched").isEmpty();
        assertThat(progress).anyMatch(line -> line.startsWith("Replayed 2 events, up to global index 2 (33% of the head 6)"));
    }

    @Test
    void aStoreHoldingBothVersionsOfHeartbeatsRebuildsAsIfEveryOneWereTheSecond() throws Exception {
        // job 31's heartbeats were stored as .v1 (before the second version) and then as .v2;
        // job 32 has the same history with every heartbeat as the .v2 it amounts to
        long index = 0;
        for (long job : List.of(31L, 32L)) {
            db.append(++index, 0, submitted(job));
            db.append(++index, 1, new JobMetadataPatched(job, Map.of("Status", "Matched"), Map.of(),
                    EventStoreDatabase.T0.plusSeconds(1)));
            for (int n = 0; n < 6; n++) {
                Instant at = EventStoreDatabase.T0.plusSeconds(10 + n);
                HeartbeatReceivedV1 v1 = n == 0
                        ? new HeartbeatReceivedV1(job, at, Map.of("CPUConsumed", Integer.toString(n)),
                                new StatusRecord(JobStatus.RUNNING, StatusRecord.IDEM, StatusRecord.IDEM, at, "Heartbeat"),
                                JobStatus.RUNNING, "Job accepted", "Unknown", at, null, at, at)
                        : new HeartbeatReceivedV1(job, at, Map.of("CPUConsumed", Integer.toString(n)), null,
                                JobStatus.RUNNING, "Job accepted", "Unknown", EventStoreDatabase.T0.plusSeconds(10),
                                null, at, EventStoreDatabase.T0.plusSeconds(10));
                if (job == 31 && n < 3) {
                    db.appendOlder(++index, job, 2 + n, OlderEventVersion.HEARTBEAT_RECEIVED_V1, v1);
                } else {
                    db.append(++index, 2 + n, v1.upcast());
                }
            }
        }
        db.schemas().recreate("readmodel_next");

        try (SchemaSession session = SchemaSession.open(db.pool, "readmodel_next")) {
            Replay replay = new Replay(new EventStoreReader(db.jdbc), new JobTableProjector(session.jdbc()),
                    session.transactions(), 5, Duration.ZERO, progress::add);
            assertThat(replay.firstPass()).isEqualTo(index);
        }

        for (String table : List.of("jobs", "job_logging", "job_parameters")) {
            assertThat(rows(table, 31)).as(table).isNotEmpty().isEqualTo(rows(table, 32));
        }
        assertThat(db.jdbc.sql("SELECT status || ' ' || heart_beat_time FROM readmodel_next.jobs WHERE job_id = 31")
                .query(String.class).single()).startsWith("Running 2026-11-25");
    }

    /** A job's rows of a read-model table, each as text without the job's own id and without the times rows were written. */
    private List<String> rows(String table, long jobId) {
        return db.jdbc.sql("SELECT (to_jsonb(t) - 'job_id' - 'event_position' - 'updated_at' - 'created_at' - 'jdl'"
                        + " - 'job_name')::text FROM readmodel_next." + table + " t WHERE job_id = :id ORDER BY 1")
                .param("id", jobId).query(String.class).list();
    }

    @Test
    void replayingTwiceChangesNothingTheSecondTime() throws Exception {
        db.append(1, 0, submitted(1));
        db.schemas().recreate("readmodel_next");
        try (SchemaSession session = SchemaSession.open(db.pool, "readmodel_next")) {
            JobTableProjector projector = new JobTableProjector(session.jdbc());
            new Replay(new EventStoreReader(db.jdbc), projector, session.transactions(), 10, Duration.ofMinutes(1), progress::add)
                    .firstPass();
            Replay again = new Replay(new EventStoreReader(db.jdbc), projector, session.transactions(), 10,
                    Duration.ofMinutes(1), progress::add);
            again.firstPass();

            assertThat(again.finalPass()).isEmpty();
        }
        assertThat(jobIds("readmodel_next")).containsExactly(1L);
    }

    @Test
    void aSessionGivesItsConnectionBackWithTheServicesSearchPath() throws Exception {
        db.schemas().recreate("readmodel_check");
        try (SchemaSession session = SchemaSession.open(db.pool, "readmodel_check")) {
            assertThat(session.jdbc().sql("SELECT current_setting('search_path')").query(String.class).single())
                    .isEqualTo("readmodel_check");
        }

        try (Connection one = db.pool.getConnection(); Connection other = db.pool.getConnection()) {
            assertThat(searchPath(one)).isEqualTo("readmodel, eventstore");
            assertThat(searchPath(other)).isEqualTo("readmodel, eventstore");
        }
    }

    private static String searchPath(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<Long> jobIds(String schema) {
        return db.jdbc.sql("SELECT job_id FROM " + schema + ".jobs ORDER BY job_id").query(Long.class).list();
    }
}

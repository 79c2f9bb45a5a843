package org.jobstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The row-level access to Axon's event and snapshot tables on a real PostgreSQL with the event
 * store's migrations (Axon's schema): what the tools, the benchmark and the tests below the command
 * side rely on.
 */
class StoreRowsTest {

    private HikariDataSource store;

    @BeforeEach
    void freshStore() throws SQLException {
        store = FreshStores.create("eventstore");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static EventTableRows.Row row(Long position, long job, long sequence, String type, String payload) {
        return new EventTableRows.Row(position, Long.toString(job), sequence, "event-" + job + "-" + sequence,
                "2026-12-01T10:00:0" + sequence + "Z", type, sequence == 0 ? null : "2",
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appendedRowsReadBackInTheirJobsOrderWithTheStoreNumberingThemWhenAsked() throws SQLException {
        try (Connection db = store.getConnection()) {
            assertThat(EventTableRows.head(db)).isZero();
            EventTableRows.append(db, List.of(
                    row(null, 7, 0, "org.jobstream.events.JobSubmitted", "{\"owner\":\"alice\"}"),
                    row(null, 7, 1, "org.jobstream.events.HeartbeatReceived", "{}"),
                    row(null, 8, 0, "org.jobstream.events.JobSubmitted", "{\"owner\":\"bob\"}")));

            List<EventTableRows.Row> rows = EventTableRows.rowsOf(db, 7);
            assertThat(rows).extracting(EventTableRows.Row::sequence).containsExactly(0L, 1L);
            assertThat(rows).extracting(EventTableRows.Row::position).containsExactly(1L, 2L);
            assertThat(rows.get(1).revision()).isEqualTo("2");
            assertThat(rows.get(1).metadata()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
            assertThat(EventTableRows.head(db)).isEqualTo(3);
            assertThat(EventTableRows.jobsSubmittedBy(db, "alice")).containsExactly(7L);
            assertThat(EventTableRows.storedOf(db, List.of(7L, 8L, 9L)))
                    .isEqualTo(new EventTableRows.Stored(3, 2, 1));

            EventTableRows.Size size = EventTableRows.size(db);
            assertThat(size.events()).isEqualTo(3);
            assertThat(size.jobs()).isEqualTo(2);
            assertThat(size.bytes()).isPositive();
        }
    }

    @Test
    void idleJobsArePagedInJobOrderAndAJobsRowsAreRemovedWhole() throws SQLException {
        try (Connection db = store.getConnection()) {
            EventTableRows.append(db, List.of(
                    row(null, 7, 0, "org.jobstream.events.JobSubmitted", "{}"),
                    row(null, 7, 1, "org.jobstream.events.HeartbeatReceived", "{}"),
                    row(null, 8, 0, "org.jobstream.events.JobSubmitted", "{}"),
                    row(null, 10, 0, "org.jobstream.events.JobSubmitted", "{}")));
            Instant cutoff = Instant.parse("2026-12-01T10:00:01Z");

            // job 7's newest event is at the cut-off, not before; ids compare as numbers (10 after 8)
            assertThat(EventTableRows.jobsIdleSince(db, cutoff, List.of(), 0, 10)).containsExactly(8L, 10L);
            assertThat(EventTableRows.jobsIdleSince(db, cutoff, List.of(), 8, 10)).containsExactly(10L);
            assertThat(EventTableRows.jobsIdleSince(db, cutoff, List.of(), 0, 1)).containsExactly(8L);
            assertThat(EventTableRows.jobsIdleSince(db, cutoff, List.of(7L, 10L), 0, 10)).containsExactly(10L);
            assertThat(EventTableRows.jobsIdleSince(db, cutoff.plusSeconds(1), List.of(), 0, 10)).containsExactly(7L, 8L, 10L);

            assertThat(EventTableRows.removeJob(db, 7)).isEqualTo(2);
            assertThat(EventTableRows.rowsOf(db, 7)).isEmpty();
            assertThat(EventTableRows.rowsOf(db, 8)).hasSize(1);
        }
    }

    @Test
    void theScratchCopyHasTheTablesShapeAndLeavesTheStoreAlone() throws SQLException {
        try (Connection db = store.getConnection()) {
            EventTableRows.createScratchCopy(db);
            try (PreparedStatement insert = EventTableRows.scratchAppender(db)) {
                EventTableRows.bind(insert, row(1L, 7, 0, "org.jobstream.events.JobSubmitted", "{\"a\":1}"));
                insert.addBatch();
                EventTableRows.bind(insert, row(2L, 7, 1, "org.jobstream.events.HeartbeatReceived", "{}"));
                insert.addBatch();
                insert.executeBatch();
            }
            EventTableRows.ScratchSize scratch = EventTableRows.scratchSize(db);
            assertThat(scratch.rows()).isEqualTo(2);
            assertThat(scratch.payloadBytes()).isEqualTo(9);
            assertThat(scratch.bytes()).isPositive();
            assertThat(EventTableRows.head(db)).isZero();
            EventTableRows.dropScratchCopy(db);
        }
    }

    @Test
    void aJobsSnapshotIsReadReplacedAndCounted() throws SQLException {
        try (Connection db = store.getConnection()) {
            assertThat(SnapshotTableRows.of(db, 7)).isEmpty();
            // as Axon's JDBC engine writes a snapshot
            try (Statement insert = db.createStatement()) {
                insert.execute("""
                        INSERT INTO eventstore.snapshotevententry (aggregateidentifier, sequencenumber, type,
                            eventidentifier, payload, payloadrevision, payloadtype, timestamp)
                        VALUES ('7', 99, 'Job', 'snapshot-7', '{"jobId":7}'::bytea, '1', 'org.jobstream.Job',
                                '2026-12-01T10:00:00Z')""");
            }

            assertThat(SnapshotTableRows.of(db, 7)).singleElement().satisfies(snapshot -> {
                assertThat(snapshot.sequence()).isEqualTo(99);
                assertThat(snapshot.revision()).isEqualTo("1");
                assertThat(snapshot.payload()).asString(StandardCharsets.UTF_8).isEqualTo("{\"jobId\":7}");
            });
            assertThat(SnapshotTableRows.jobsWithSnapshot(db, List.of(7L, 8L))).isEqualTo(1);
            assertThat(SnapshotTableRows.size(db).snapshots()).isEqualTo(1);

            assertThat(SnapshotTableRows.replacePayload(db, 7, "{".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(SnapshotTableRows.of(db, 7).get(0).revision()).isEqualTo("1");
            assertThat(SnapshotTableRows.replace(db, 7, "{}".getBytes(StandardCharsets.UTF_8), "0")).isEqualTo(1);
            assertThat(SnapshotTableRows.of(db, 7).get(0).revision()).isEqualTo("0");
            assertThat(SnapshotTableRows.replace(db, 8, "{}".getBytes(StandardCharsets.UTF_8), "0")).isZero();
        }
    }
}

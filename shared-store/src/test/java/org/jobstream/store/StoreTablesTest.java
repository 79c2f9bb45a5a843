package org.jobstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jobstream.store.ReadModelVisibility.Visible;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store's own tables on a real PostgreSQL, with the event store's migrations and Axon's event
 * table: what the read models include, callers' positions, the publisher's progress.
 */
class StoreTablesTest {

    private static final String TOPIC = "jobs";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private HikariDataSource pool;
    private JdbcClient jdbc;
    private EventStoreHead head;
    private PublishProgress progress;
    private ReadModelVisibility visibility;
    private CallerPositions callers;

    @BeforeEach
    void freshDatabase() throws SQLException {
        pool = FreshStores.create("eventstore, readmodel");
        jdbc = JdbcClient.create(pool);
        // the projections' offsets, as the read model's migration defines them
        jdbc.sql("""
                CREATE SCHEMA readmodel;
                CREATE TABLE readmodel.projection_offsets (
                    topic VARCHAR(255) NOT NULL, partition INTEGER NOT NULL, next_offset BIGINT NOT NULL,
                    searchable_offset BIGINT NOT NULL DEFAULT 0,
                    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (topic, partition));
                CREATE TABLE readmodel.dead_letters (id BIGSERIAL PRIMARY KEY, resolved_at TIMESTAMPTZ);
                """).update();
        head = new EventStoreHead(jdbc);
        progress = new PublishProgress(jdbc);
        visibility = new ReadModelVisibility(jdbc, head, TOPIC);
        callers = new CallerPositions(jdbc);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void nothingIsVisibleBeforeThePublishersFirstBatch() {
        appendEvents(3);
        assertThat(visibility.current().position()).isZero();
        assertThat(visibility.includes(Visible.NOTHING, 0)).isTrue();
        assertThat(visibility.includes(Visible.NOTHING, 1)).isFalse();
    }

    @Test
    void aBatchIsVisibleOnceEveryPartitionItReachedIsProjected() {
        appendEvents(3);
        progress.record(3, List.of(), Map.of(0, 2L, 1, 1L), T0);

        projected(0, 2);
        assertThat(visibility.current().position()).isZero();

        projected(1, 1);
        Visible visible = visibility.current();
        assertThat(visible.position()).isEqualTo(3);
        assertThat(visible.newestEvent()).isEqualTo(T0);
        assertThat(visibility.includes(visible, 3)).isTrue();
    }

    @Test
    void offsetsAccumulateOverBatchesSoAnUntouchedPartitionStillCounts() {
        appendEvents(4);
        progress.record(2, List.of(), Map.of(0, 5L), T0);
        progress.record(4, List.of(), Map.of(1, 3L), T0.plusSeconds(1));

        projected(1, 3);
        assertThat(visibility.current().position()).as("partition 0 of the first batch is not projected").isZero();

        projected(0, 5);
        assertThat(visibility.current().position()).isEqualTo(4);
    }

    @Test
    void theNewestBatchWhoseRecordsAreProjectedIsWhatIsVisible() {
        appendEvents(4);
        progress.record(2, List.of(), Map.of(0, 1L), T0);
        progress.record(4, List.of(), Map.of(0, 2L), T0.plusSeconds(1));
        projected(0, 1);

        Visible visible = visibility.current();
        assertThat(visible.position()).isEqualTo(2);
        assertThat(visibility.includes(visible, 2)).isTrue();
        assertThat(visibility.includes(visible, 3)).isFalse();
    }

    @Test
    void aGapStillInFlightDoesNotHoldBackAReadButOneCommittedSinceDoes() {
        appendEvents(3);
        jdbc.sql("DELETE FROM domainevententry WHERE globalindex = 2").update(); // position 2: not committed (yet)
        progress.record(3, List.of(2L), Map.of(0, 2L), T0);
        projected(0, 2);
        Visible visible = visibility.current();
        assertThat(visibility.includes(visible, 3)).isTrue();
        assertThat(visibility.includes(visible, 1)).isTrue();

        appendEventAt(2); // the gap commits late: published in a later batch
        assertThat(visibility.includes(visible, 3)).isFalse();
        assertThat(visibility.includes(visible, 1)).as("the gap is above the target").isTrue();

        progress.record(3, List.of(), Map.of(0, 3L), T0);
        assertThat(visibility.includes(visibility.current(), 3)).as("not projected yet").isFalse();
        projected(0, 3);
        assertThat(visibility.includes(visibility.current(), 3)).isTrue();
    }

    @Test
    void unresolvedDeadLettersAreCounted() {
        appendEvents(1);
        progress.record(1, List.of(), Map.of(0, 1L), T0);
        projected(0, 1);
        jdbc.sql("INSERT INTO readmodel.dead_letters (resolved_at) VALUES (NULL), (NULL), (now())").update();
        assertThat(visibility.current().deadLetters()).isEqualTo(2);
    }

    @Test
    void aCallersPositionRisesToTheHeadAndNeverFalls() {
        assertThat(callers.of("alice")).isEmpty();
        appendEvents(2);
        assertThat(callers.record("alice")).isEqualTo(2);
        appendEvents(3);
        assertThat(callers.record("alice")).isEqualTo(5);
        assertThat(callers.of("alice")).contains(5L);
        jdbc.sql("DELETE FROM domainevententry WHERE globalindex > 3").update();
        assertThat(callers.record("alice")).isEqualTo(5);
        assertThat(callers.of("bob")).isEmpty();
    }

    @Test
    void forgettingKeepsWhatTheReadModelsHaveNotPassed() {
        appendEvents(6);
        progress.record(2, List.of(), Map.of(0, 1L), T0);
        progress.record(4, List.of(), Map.of(0, 2L), T0);
        progress.record(6, List.of(), Map.of(0, 3L), T0);
        callers.record("alice");
        jdbc.sql("UPDATE publish_progress SET published_at = now() - interval '1 hour'").update();
        jdbc.sql("UPDATE caller_positions SET updated_at = now() - interval '1 hour'").update();

        assertThat(progress.forgetBelow(4, Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(callers.forgetVisible(4, Duration.ofMinutes(10))).isZero();
        assertThat(callers.forgetVisible(6, Duration.ofMinutes(10))).isEqualTo(1);
        projected(0, 3);
        assertThat(visibility.current().position()).isEqualTo(6);
    }

    @Test
    void theHeadAndTheTimeOfTheFirstMissingEvent() {
        assertThat(head.position()).isZero();
        appendEvents(3);
        assertThat(head.position()).isEqualTo(3);
        assertThat(head.timeOfFirstAfter(1)).contains(T0.plusSeconds(2));
        assertThat(head.timeOfFirstAfter(3)).isEmpty();
        assertThat(head.anyCommitted(List.of(7L, 8L))).isFalse();
        assertThat(head.anyCommitted(List.of(7L, 2L))).isTrue();
    }

    @Test
    void mergedOffsetsKeepTheHighestOfEachPartition() {
        assertThat(PublishProgress.merged(new long[] {4, 0, 9}, Map.of(1, 2L, 3, 1L))).containsExactly(4, 2, 9, 1);
        assertThat(PublishProgress.merged(new long[0], Map.of())).isEmpty();
    }

    private void appendEvents(int count) {
        for (int i = 0; i < count; i++) {
            long next = jdbc.sql("SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))")
                    .query(Long.class).single();
            appendEventAt(next);
        }
    }

    private void appendEventAt(long position) {
        jdbc.sql("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,
                                              payload, payloadtype, timestamp)
                VALUES (:position, :aggregate, 0, 'Job', :id, '\\x7b7d'::bytea, 'event', :time)
                """)
                .param("position", position)
                .param("aggregate", "job-" + position)
                .param("id", "event-" + position)
                .param("time", T0.plusSeconds(position).toString())
                .update();
    }

    private void projected(int partition, long nextOffset) {
        jdbc.sql("""
                INSERT INTO projection_offsets (topic, partition, next_offset, searchable_offset)
                VALUES (:topic, :partition, :next, :next)
                ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset,
                                                             searchable_offset = EXCLUDED.searchable_offset
                """)
                .param("topic", TOPIC).param("partition", partition).param("next", nextOffset)
                .update();
    }
}

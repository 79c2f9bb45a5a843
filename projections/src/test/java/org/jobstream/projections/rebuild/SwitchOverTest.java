package org.jobstream.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import org.jobstream.projections.consumer.ProjectionBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Putting a rebuilt schema in place, and pausing the live consumers around it. */
class SwitchOverTest {

    private EventStoreDatabase db;
    private ReadModelSchemas schemas;

    @BeforeEach
    void freshDatabase() {
        db = EventStoreDatabase.fresh(4);
        schemas = db.schemas();
        schemas.recreate("readmodel_next");
        db.jdbc.sql("INSERT INTO readmodel.projection_offsets (topic, partition, next_offset) VALUES ('t', 0, 17), ('t', 1, 4)")
                .update();
        db.jdbc.sql("INSERT INTO readmodel_next.job_parameters (job_id, name, value) VALUES (1, 'rebuilt', 'yes')").update();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theNextSchemaTakesTheLivePlaceWithTheLiveOffsets() {
        schemas.copyOffsets("readmodel_next");
        schemas.promoteNext(() -> { });

        assertThat(db.jdbc.sql("SELECT name FROM job_parameters").query(String.class).list())
                .as("unqualified names of the pool's connections now mean the new tables").containsExactly("rebuilt");
        assertThat(db.jdbc.sql("SELECT partition || ':' || next_offset FROM projection_offsets ORDER BY partition")
                .query(String.class).list()).containsExactly("0:17", "1:4");
        assertThat(schemas.exists("readmodel_previous")).isTrue();
        assertThat(schemas.exists("readmodel_next")).isFalse();
    }

    @Test
    void aFailureDuringTheSwitchChangesNothing() {
        assertThatThrownBy(() -> schemas.promoteNext(() -> {
            throw new java.io.IOException("alias switch refused");
        })).hasMessageContaining("alias switch refused");

        assertThat(db.jdbc.sql("SELECT COUNT(*) FROM job_parameters").query(Long.class).single()).isZero();
        assertThat(schemas.exists("readmodel_next")).isTrue();
        assertThat(schemas.exists("readmodel_previous")).isFalse();
    }

    @Test
    void aSecondOlderPreviousSchemaIsReplaced() {
        schemas.promoteNext(() -> { });
        schemas.recreate("readmodel_next");

        schemas.promoteNext(() -> { });

        assertThat(schemas.exists("readmodel_previous")).isTrue();
        assertThat(db.jdbc.sql("SELECT COUNT(*) FROM readmodel_previous.job_parameters").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void onlyOneRebuildOrCheckRunsAtATime() throws Exception {
        try (MaintenanceLock first = MaintenanceLock.tryAcquire(db.pool).orElseThrow()) {
            assertThat(MaintenanceLock.tryAcquire(db.pool)).isEmpty();
        }
        Optional<MaintenanceLock> again = MaintenanceLock.tryAcquire(db.pool);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void whilePausedNoBatchCanStartAndAfterwardsOneCan() throws Exception {
        try (MaintenanceLock lock = MaintenanceLock.tryAcquire(db.pool).orElseThrow()) {
            lock.pause(Duration.ofSeconds(5));
            assertThat(batchCouldStart()).isFalse();

            lock.resume();
            assertThat(batchCouldStart()).isTrue();

            lock.pause(Duration.ofSeconds(5));
        }
        assertThat(batchCouldStart()).as("closing releases the pause").isTrue();
    }

    @Test
    void pausingGivesUpWhenABatchDoesNotFinish() throws Exception {
        try (Connection batch = db.pool.getConnection();
             MaintenanceLock lock = MaintenanceLock.tryAcquire(db.pool).orElseThrow()) {
            batch.setAutoCommit(false);
            try (PreparedStatement shared = batch.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
                shared.setLong(1, ProjectionBatch.PAUSE_LOCK);
                shared.execute();
            }

            assertThatThrownBy(() -> lock.pause(Duration.ofMillis(200)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not pause");

            batch.commit();
            lock.pause(Duration.ofSeconds(5));
        }
    }

    private boolean batchCouldStart() throws Exception {
        try (Connection connection = db.pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_xact_lock_shared(?)")) {
                statement.setLong(1, ProjectionBatch.PAUSE_LOCK);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            } finally {
                connection.rollback();
            }
        }
    }
}

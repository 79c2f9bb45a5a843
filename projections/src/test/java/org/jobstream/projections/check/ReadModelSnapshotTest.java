package org.jobstream.projections.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.projections.rebuild.EventStoreDatabase.submitted;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jobstream.projections.jobs.JobTableProjector;
import org.jobstream.projections.rebuild.EventStoreDatabase;
import org.jobstream.store.EventStoreReader;
import org.jobstream.projections.rebuild.Replay;
import org.jobstream.projections.rebuild.SchemaSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check's comparison of a live read model with a replay of the event store: both are built
 * from the same stored events, then the live one is corrupted in each way the check must report.
 */
class ReadModelSnapshotTest {

    private static final Set<String> EXCLUDED = Set.of("projection_offsets", "flyway_schema_history");

    private EventStoreDatabase db;

    @BeforeEach
    void liveAndReplayedFromTheSameStore() throws Exception {
        db = EventStoreDatabase.fresh(4);
        for (long job = 1; job <= 3; job++) {
            db.append(job, 0, submitted(job));
        }
        replayInto("readmodel");
        db.schemas().recreate("readmodel_check");
        replayInto("readmodel_check");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aFaithfulReadModelHasNoDifference() throws Exception {
        ReadModelSnapshot.Result result = compare();

        assertThat(result.differences()).isEmpty();
        assertThat(result.differenceCount()).isZero();
        assertThat(result.replayJobs()).isEqualTo(3);
        assertThat(result.liveJobs()).isEqualTo(3);
        assertThat(result.lagging()).isZero();
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void aChangedValueIsReportedWithTheJobTheTableAndTheColumn() throws Exception {
        db.jdbc.sql("UPDATE readmodel.jobs SET site = 'LCG.Elsewhere.ch' WHERE job_id = 2").update();

        ReadModelSnapshot.Result result = compare();

        assertThat(result.differenceCount()).isEqualTo(1);
        assertThat(result.differences()).singleElement().hasToString(
                "job 2 jobs: differs in site (live \"LCG.Elsewhere.ch\", replay \"ANY\")");
    }

    @Test
    void missingAndExtraRowsAreReportedWithTheirKeys() throws Exception {
        db.jdbc.sql("DELETE FROM readmodel.job_logging WHERE job_id = 1").update();
        db.jdbc.sql("INSERT INTO readmodel.job_parameters (job_id, name, value) VALUES (3, 'CPU', '12')").update();

        ReadModelSnapshot.Result result = compare();

        assertThat(result.differences()).extracting(Difference::toString).containsExactly(
                "job 1 job_logging [event_seq=0, record_no=0]: missing from the live read model",
                "job 3 job_parameters [name=\"CPU\"]: in the live read model but not in the replay of the event store");
    }

    @Test
    void aMissingJobIsADifferenceInEveryTable() throws Exception {
        db.jdbc.sql("DELETE FROM readmodel.jobs WHERE job_id = 3").update();
        db.jdbc.sql("DELETE FROM readmodel.job_logging WHERE job_id = 3").update();

        ReadModelSnapshot.Result result = compare();

        assertThat(result.differences()).extracting(Difference::toString).containsExactly(
                "job 3 job_logging [event_seq=0, record_no=0]: missing from the live read model",
                "job 3 jobs: missing from the live read model");
    }

    @Test
    void aLiveRowOlderThanTheReplayIsLaggingNotADifference() throws Exception {
        db.jdbc.sql("UPDATE readmodel_check.jobs SET event_seq = 4, status = 'Running' WHERE job_id = 1").update();
        db.jdbc.sql("INSERT INTO readmodel_check.job_logging (job_id, event_seq, record_no, status, minor_status, "
                + "application_status, status_time, source) VALUES (1, 4, 0, 'Running', '', '', now(), 'JobAgent')").update();

        ReadModelSnapshot.Result result = compare();

        assertThat(result.lagging()).isEqualTo(1);
        assertThat(result.differences()).isEmpty();
    }

    @Test
    void aLiveRowNewerThanTheReplayIsADifference() throws Exception {
        db.jdbc.sql("UPDATE readmodel.jobs SET event_seq = 4, status = 'Running' WHERE job_id = 1").update();

        ReadModelSnapshot.Result result = compare();

        assertThat(result.differences()).extracting(Difference::toString).containsExactly(
                "job 1 jobs: live row is newer than the replay: status (live \"Running\", replay \"Received\"), "
                        + "event_seq (live 4, replay 0)");
    }

    @Test
    void atMostTheAskedNumberOfDifferencesIsListedButAllAreCounted() throws Exception {
        db.jdbc.sql("UPDATE readmodel.jobs SET owner = 'mallory'").update();

        ReadModelSnapshot.Result result = compareListing(2);

        assertThat(result.differenceCount()).isEqualTo(3);
        assertThat(result.differences()).extracting(Difference::jobId).containsExactly(1L, 2L);
    }

    @Test
    void aTableThatIsNotAboutOneJobIsComparedByItsKey() throws Exception {
        for (String schema : List.of("readmodel", "readmodel_check")) {
            db.jdbc.sql("CREATE TABLE " + schema + ".releases (pfn TEXT PRIMARY KEY, released_at BIGINT NOT NULL)").update();
            db.jdbc.sql("INSERT INTO " + schema + ".releases VALUES ('/S3/a', 1), ('/S3/b', 2)").update();
        }
        db.jdbc.sql("UPDATE readmodel.releases SET released_at = 3 WHERE pfn = '/S3/b'").update();
        db.jdbc.sql("INSERT INTO readmodel.releases VALUES ('/S3/c', 4)").update();

        ReadModelSnapshot.Result result = compare();

        assertThat(result.differences()).extracting(Difference::toString).containsExactly(
                "releases [pfn=\"/S3/b\"]: differs in released_at (live 3, replay 2)",
                "releases [pfn=\"/S3/c\"]: in the live read model but not in the replay of the event store");
    }

    @Test
    void theComparisonSeesTheSnapshotNotLaterChanges() throws Exception {
        try (ReadModelSnapshot snapshot = ReadModelSnapshot.take(db.pool)) {
            db.jdbc.sql("UPDATE readmodel.jobs SET owner = 'mallory'").update();

            assertThat(snapshot.compare("readmodel", "readmodel_check", EXCLUDED, 100).differences()).isEmpty();
        }
    }

    private ReadModelSnapshot.Result compare() throws Exception {
        return compareListing(100);
    }

    private ReadModelSnapshot.Result compareListing(int max) throws Exception {
        try (ReadModelSnapshot snapshot = ReadModelSnapshot.take(db.pool)) {
            return snapshot.compare("readmodel", "readmodel_check", EXCLUDED, max);
        }
    }

    private void replayInto(String schema) throws Exception {
        try (SchemaSession session = SchemaSession.open(db.pool, schema)) {
            Replay replay = new Replay(new EventStoreReader(db.jdbc), new JobTableProjector(session.jdbc()),
                    session.transactions(), 1000, Duration.ofMinutes(1), line -> { });
            replay.firstPass();
            replay.finalPass();
        }
    }
}

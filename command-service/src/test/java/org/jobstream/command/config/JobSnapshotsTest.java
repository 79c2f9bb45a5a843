package org.jobstream.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jobstream.command.job.Job;
import org.jobstream.events.JobStatus;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.SnapshotTableRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of jobs on the real event store (PostgreSQL, the service's migrations, Axon's JDBC
 * storage engine, the service's snapshot serialiser and filter): a job loaded from its snapshot is
 * the job replayed from its events, and a snapshot this version cannot read is ignored, never a
 * failure, and replaced by the next one.
 */
class JobSnapshotsTest {

    private static final int THRESHOLD = 10;
    private static final long JOB = 7;

    private AxonJobStore store;

    @BeforeEach
    void freshStore() {
        store = AxonJobStore.fresh(THRESHOLD);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void heartbeats(int count) throws Exception {
        store.submit(JOB, JobStatus.MATCHED);
        for (int n = 1; n <= count; n++) {
            store.heartbeat(JOB, n);
        }
    }

    private List<SnapshotTableRows.Snapshot> snapshots() throws SQLException {
        try (Connection db = store.pool.getConnection()) {
            return SnapshotTableRows.of(db, JOB);
        }
    }

    private List<Long> snapshotSequences() throws SQLException {
        return snapshots().stream().map(SnapshotTableRows.Snapshot::sequence).toList();
    }

    private byte[] snapshotPayload() throws SQLException {
        return snapshots().get(0).payload();
    }

    private void setSnapshot(byte[] payload, String revision) throws SQLException {
        try (Connection db = store.pool.getConnection()) {
            assertThat(SnapshotTableRows.replace(db, JOB, payload, revision)).isEqualTo(1);
        }
    }

    @Test
    void aJobIsSnapshottedEveryThresholdEventsAndLoadsFromItsSnapshotAsItWasReplayed() throws Exception {
        heartbeats(25);

        // 26 events: snapshotted as they passed the threshold; only the newest snapshot is kept
        assertThat(snapshotSequences()).singleElement().satisfies(seq -> assertThat(seq).isGreaterThanOrEqualTo(THRESHOLD));
        assertThat(snapshots()).singleElement().extracting(SnapshotTableRows.Snapshot::revision)
                .isEqualTo(Job.SNAPSHOT_REVISION);

        Job fromSnapshot = store.load(JOB);

        assertThat(fromSnapshot).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(store.replayed(JOB));
    }

    @Test
    void theSnapshotHoldsTheJobIdentifierAndItsWholeStateAndNothingElse() throws Exception {
        heartbeats(THRESHOLD);

        JsonNode json = JobEventCodec.defaultMapper().readTree(snapshotPayload());

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("jobId", "state");
        assertThat(json.get("jobId").asLong()).isEqualTo(JOB);
        assertThat(json.get("state").fieldNames()).toIterable().containsExactlyInAnyOrder("attributes", "jdl",
                "lastRecordTime", "pendingCommands", "inputSandboxes", "outputSandboxes");
        assertThat(json.at("/state/attributes/Status").asText()).isEqualTo("Running");
    }

    @Test
    void aCorruptSnapshotIsIgnoredTheJobReplayedAndTheSnapshotReplaced() throws Exception {
        heartbeats(25);
        setSnapshot("{not json".getBytes(StandardCharsets.UTF_8), Job.SNAPSHOT_REVISION);

        store.heartbeat(JOB, 26);

        assertThat(store.load(JOB)).usingRecursiveComparison().isEqualTo(store.replayed(JOB));
        assertThat(JobEventCodec.defaultMapper().readTree(snapshotPayload()).has("state")).isTrue();
    }

    @Test
    void aSnapshotOfAnOlderShapeIsIgnoredEvenUnderTheCurrentRevision() throws Exception {
        heartbeats(25);
        // as an earlier Job might have written it: its fields flat, no "state"
        setSnapshot(("{\"jobId\": " + JOB + ", \"status\": \"Running\", \"minorStatus\": \"Pilot\", "
                + "\"lastRecordTime\": \"" + AxonJobStore.T0 + "\", \"pendingCommands\": []}")
                .getBytes(StandardCharsets.UTF_8), Job.SNAPSHOT_REVISION);

        store.heartbeat(JOB, 26);

        assertThat(store.load(JOB)).usingRecursiveComparison().isEqualTo(store.replayed(JOB));
    }

    @Test
    void aSnapshotWithAnAttributeThisVersionDoesNotKnowIsIgnored() throws Exception {
        heartbeats(25);
        String changed = new String(snapshotPayload(), StandardCharsets.UTF_8)
                .replace("\"attributes\":{", "\"attributes\":{\"Colour\":\"blue\",");
        assertThat(changed).contains("Colour");
        setSnapshot(changed.getBytes(StandardCharsets.UTF_8), Job.SNAPSHOT_REVISION);

        assertThat(store.load(JOB)).usingRecursiveComparison().isEqualTo(store.replayed(JOB));
    }

    @Test
    void aSnapshotOfAnotherJobIsIgnored() throws Exception {
        heartbeats(25);
        setSnapshot(new String(snapshotPayload(), StandardCharsets.UTF_8).replace("\"jobId\":7", "\"jobId\":8")
                .getBytes(StandardCharsets.UTF_8), Job.SNAPSHOT_REVISION);

        assertThat(store.load(JOB)).usingRecursiveComparison().isEqualTo(store.replayed(JOB));
    }

    @Test
    void aSnapshotOfAnotherRevisionIsIgnoredThoughItWouldRead() throws Exception {
        heartbeats(25);
        setSnapshot(snapshotPayload(), "0");

        store.heartbeat(JOB, 26);

        assertThat(store.load(JOB)).usingRecursiveComparison().isEqualTo(store.replayed(JOB));
        assertThat(snapshots()).extracting(SnapshotTableRows.Snapshot::revision).containsExactly(Job.SNAPSHOT_REVISION);
    }
}

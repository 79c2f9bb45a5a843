package org.jobstream.infra.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.store.EventTableRows;
import org.jobstream.store.SnapshotTableRows;

/**
 * How much the event store takes: bytes per event and per job of the store as it is (rows, their
 * out-of-line storage and the table's indexes), per snapshot, and a heartbeat's row in each version
 * of its event, the same heartbeats written into a scratch copy of the event table.
 */
final class StoreGrowth {

    private static final int HEARTBEAT_ROWS = 20_000;

    private StoreGrowth() {
    }

    static List<Figure> measure() throws Exception {
        ApiClient user = BenchCommand.client("bench-growth-" + System.currentTimeMillis());
        ApiClient pilot = BenchCommand.client("pilot", "GenericPilot");
        List<Figure> figures = new ArrayList<>();
        try (Connection db = BenchCommand.database()) {
            StoredRows rows = StoredRows.asTheServiceStoresThem(db, user, pilot);
            EventTableRows.Size size = EventTableRows.size(db);
            SnapshotTableRows.Size snapshotSize = SnapshotTableRows.size(db);
            long bytes = size.bytes();
            long events = size.events();
            long jobs = size.jobs();
            long snapshotBytes = snapshotSize.bytes();
            long snapshots = snapshotSize.snapshots();
            String store = String.format(Locale.ROOT, "%,d MB for %,d events of %,d jobs", bytes >> 20, events, jobs);
            System.err.println("  event store: " + store);
            figures.add(new Figure("store-bytes-per-event", "growth", "event store bytes per event (rows and indexes)",
                    "bytes", (double) bytes / Math.max(1, events), null, null, null, store));
            figures.add(new Figure("store-bytes-per-job", "growth", "event store bytes per job", "bytes",
                    (double) bytes / Math.max(1, jobs), null, null, null, store));
            if (snapshots > 0) {
                figures.add(new Figure("snapshot-bytes", "growth", "snapshot store bytes per snapshot", "bytes",
                        (double) snapshotBytes / snapshots, null, null, null,
                        String.format(Locale.ROOT, "%,d snapshots", snapshots)));
            }

            double[] v1 = heartbeatRows(db, rows, true);
            double[] v2 = heartbeatRows(db, rows, false);
            System.err.printf(Locale.ROOT, "  a heartbeat's row: .v1 %.0f bytes (payload %.0f), .v2 %.0f bytes (payload %.0f)%n",
                    v1[0], v1[1], v2[0], v2[1]);
            figures.add(new Figure("heartbeat-row-bytes", "growth", "event store bytes per heartbeat (.v2)", "bytes",
                    v2[0], null, new Baseline("the same heartbeat as .v1", "bytes", v1[0], null),
                    new Target("at most half the .v1", v2[0] <= v1[0] / 2),
                    String.format(Locale.ROOT, "payload %.0f bytes (.v1: %.0f); row and index entries", v2[1], v1[1])));
            figures.add(new Figure("heartbeat-payload-bytes", "growth", "heartbeat payload bytes (.v2)", "bytes", v2[1],
                    null, new Baseline("the same heartbeat as .v1", "bytes", v1[1], null),
                    new Target("at most half the .v1", v2[1] <= v1[1] / 2), null));
        }
        return figures;
    }

    /**
     * {@value #HEARTBEAT_ROWS} heartbeats of 100 running jobs written into a scratch copy of the event
     * table (its columns and indexes): bytes per row with its index entries, and payload bytes per row.
     */
    private static double[] heartbeatRows(Connection db, StoredRows rows, boolean firstVersion) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(true);
        EventTableRows.createScratchCopy(db);
        try {
            db.setAutoCommit(false);
            Instant submitted = ColdJobsBench.start(HEARTBEAT_ROWS / 100);
            try (PreparedStatement insert = EventTableRows.scratchAppender(db)) {
                for (int i = 0; i < HEARTBEAT_ROWS; i++) {
                    long jobId = 1 + i % 100;
                    int n = 1 + i / 100;
                    Record heartbeat = firstVersion ? StoredRows.heartbeatV1(jobId, submitted, n)
                            : StoredRows.heartbeat(jobId, submitted, n);
                    String revision = firstVersion ? OlderEventVersion.HEARTBEAT_RECEIVED_V1.storedRevision()
                            : HeartbeatReceived.REVISION;
                    EventTableRows.bind(insert, rows.row(jobId, n, heartbeat, revision,
                            submitted.plus(StoredRows.HEARTBEAT_INTERVAL.multipliedBy(n)), i + 1L));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            EventTableRows.ScratchSize scratch = EventTableRows.scratchSize(db);
            return new double[] {(double) scratch.bytes() / scratch.rows(), (double) scratch.payloadBytes() / scratch.rows()};
        } finally {
            db.setAutoCommit(true);
            EventTableRows.dropScratchCopy(db);
            db.setAutoCommit(autoCommit);
        }
    }
}

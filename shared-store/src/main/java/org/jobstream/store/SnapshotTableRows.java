package org.jobstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Axon's snapshot table ({@code eventstore.snapshotevententry}) row by row, for the tests and the
 * benchmark that look at what the command service snapshotted, or spoil a snapshot on purpose to
 * see it ignored. The command service writes and reads snapshots through Axon only; with
 * {@link EventTableRows} this is the only place that names Axon's tables.
 *
 * <p>Every method works in the caller's connection and transaction.
 */
public final class SnapshotTableRows {

    /**
     * A stored snapshot: the job's state as of an event.
     *
     * @param aggregate   the job id, as text
     * @param sequence    the number of the last event the snapshot includes
     * @param payloadType the snapshot's class name
     * @param revision    the revision it was written in
     * @param payload     its JSON
     */
    public record Snapshot(String aggregate, long sequence, String payloadType, String revision, byte[] payload) {
    }

    /** The table's size on disk (rows, out-of-line storage and indexes) and its number of snapshots. */
    public record Size(long bytes, long snapshots) {
    }

    private SnapshotTableRows() {
    }

    /** The job's snapshots (Axon keeps the newest only, so at most one). */
    public static List<Snapshot> of(Connection db, long jobId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT aggregateidentifier, sequencenumber, payloadtype, payloadrevision, payload
                  FROM eventstore.snapshotevententry
                 WHERE aggregateidentifier = ?
                 ORDER BY sequencenumber
                """)) {
            query.setString(1, Long.toString(jobId));
            List<Snapshot> snapshots = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    snapshots.add(new Snapshot(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5)));
                }
            }
            return snapshots;
        }
    }

    /** Replaces the payload of the job's snapshot, keeping its revision; answers the rows changed. */
    public static int replacePayload(Connection db, long jobId, byte[] payload) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE eventstore.snapshotevententry SET payload = ? WHERE aggregateidentifier = ?")) {
            update.setBytes(1, payload);
            update.setString(2, Long.toString(jobId));
            return update.executeUpdate();
        }
    }

    /** Replaces the payload and the revision of the job's snapshot; answers the rows changed. */
    public static int replace(Connection db, long jobId, byte[] payload, String revision) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE eventstore.snapshotevententry SET payload = ?, payloadrevision = ?
                 WHERE aggregateidentifier = ?""")) {
            update.setBytes(1, payload);
            update.setString(2, revision);
            update.setString(3, Long.toString(jobId));
            return update.executeUpdate();
        }
    }

    /** Removes the job's snapshots; answers how many. */
    public static int remove(Connection db, long jobId) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement(
                "DELETE FROM eventstore.snapshotevententry WHERE aggregateidentifier = ?")) {
            delete.setString(1, Long.toString(jobId));
            return delete.executeUpdate();
        }
    }

    /** How many of these jobs have a snapshot. */
    public static int jobsWithSnapshot(Connection db, Collection<Long> jobIds) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT count(DISTINCT aggregateidentifier) FROM eventstore.snapshotevententry
                 WHERE aggregateidentifier = ANY (?)""")) {
            query.setArray(1, db.createArrayOf("varchar", jobIds.stream().map(String::valueOf).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public static Size size(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT pg_total_relation_size('eventstore.snapshotevententry'),
                       (SELECT count(*) FROM eventstore.snapshotevententry)""");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return new Size(rs.getLong(1), rs.getLong(2));
        }
    }
}

package org.jobstream.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Axon's event table ({@code eventstore.domainevententry}) row by row, for the tools and tests that
 * work below the command side: the benchmark's bulk load and raw baseline, end-to-end checks of
 * what was stored, and tests that store an event as a late or foreign writer would. The services
 * go through {@link JobEvents}, {@link EventStoreHead} and {@link EventStoreReader} instead. With
 * those, this is the only place that names Axon's tables.
 *
 * <p>Every method works in the caller's connection and transaction.
 */
public final class EventTableRows {

    /**
     * A stored event as Axon's JDBC engine writes it.
     *
     * @param position        its global index, or {@code null} to let the table number it (as Axon does)
     * @param aggregate       the job id, as text
     * @param sequence        its number in the job, from 0
     * @param eventIdentifier its unique identifier
     * @param timestamp       when it happened, ISO-8601 as Axon stores it
     * @param payloadType     the event's class name (its type)
     * @param payload         the event's JSON
     * @param metadata        the metadata's JSON, or {@code null}
     */
    public record Row(Long position, String aggregate, long sequence, String eventIdentifier, String timestamp,
                      String payloadType, String revision, byte[] payload, byte[] metadata) {
    }

    private static final String INSERT = """
            INSERT INTO eventstore.domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                eventidentifier, timestamp, payloadtype, payloadrevision, payload, metadata)
            VALUES (COALESCE(?, nextval(pg_get_serial_sequence('eventstore.domainevententry', 'globalindex'))),
                ?, ?, 'Job', ?, ?, ?, ?, ?, ?)
            """;

    private static final String INSERT_SCRATCH = """
            INSERT INTO raw_append (globalindex, aggregateidentifier, sequencenumber, type,
                eventidentifier, timestamp, payloadtype, payloadrevision, payload, metadata)
            VALUES (?, ?, ?, 'Job', ?, ?, ?, ?, ?, ?)
            """;

    private EventTableRows() {
    }

    /** Appends the rows in one batch, in the connection's transaction. */
    public static void append(Connection db, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(INSERT)) {
            batch(insert, rows);
        }
    }

    /**
     * A statement that appends rows, for loaders that bind and batch millions of them themselves
     * (see {@link #bind}).
     */
    public static PreparedStatement appender(Connection db) throws SQLException {
        return db.prepareStatement(INSERT);
    }

    /** Binds a row's values to a statement of {@link #appender} or {@link #scratchAppender}. */
    public static void bind(PreparedStatement insert, Row row) throws SQLException {
        if (row.position() == null) {
            insert.setNull(1, Types.BIGINT);
        } else {
            insert.setLong(1, row.position());
        }
        insert.setString(2, row.aggregate());
        insert.setLong(3, row.sequence());
        insert.setString(4, row.eventIdentifier());
        insert.setString(5, row.timestamp());
        insert.setString(6, row.payloadType());
        insert.setString(7, row.revision());
        insert.setBytes(8, row.payload());
        insert.setBytes(9, row.metadata());
    }

    /**
     * Creates {@code raw_append}, an empty table of this session with the event table's columns and
     * indexes: what an append costs the database with nothing of Axon's around it.
     */
    public static void createScratchCopy(Connection db) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("CREATE TEMPORARY TABLE raw_append (LIKE eventstore.domainevententry INCLUDING INDEXES)");
        }
    }

    /** A statement that appends rows to {@code raw_append}; each row needs its position. */
    public static PreparedStatement scratchAppender(Connection db) throws SQLException {
        return db.prepareStatement(INSERT_SCRATCH);
    }

    public static void dropScratchCopy(Connection db) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS raw_append");
        }
    }

    /**
     * The table's size on disk (rows, out-of-line storage and indexes), its events and its jobs
     * (the events numbered 0).
     */
    public record Size(long bytes, long events, long jobs) {
    }

    public static Size size(Connection db) throws SQLException {
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery("""
                SELECT pg_total_relation_size('eventstore.domainevententry'), count(*),
                       count(*) FILTER (WHERE sequencenumber = 0)
                  FROM eventstore.domainevententry""")) {
            rs.next();
            return new Size(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** The table's size on disk (rows, out-of-line storage and indexes) alone: cheap at any size. */
    public static long bytes(Connection db) throws SQLException {
        try (Statement query = db.createStatement();
             ResultSet rs = query.executeQuery("SELECT pg_total_relation_size('eventstore.domainevententry')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The size of {@code raw_append} on disk, with its indexes, the bytes of its payloads and its rows. */
    public record ScratchSize(long bytes, long payloadBytes, long rows) {
    }

    public static ScratchSize scratchSize(Connection db) throws SQLException {
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery("""
                SELECT pg_total_relation_size('raw_append'), COALESCE(sum(octet_length(payload)), 0), count(*)
                  FROM raw_append""")) {
            rs.next();
            return new ScratchSize(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** The position of the newest stored event, 0 for an empty store. */
    public static long head(Connection db) throws SQLException {
        try (Statement query = db.createStatement();
             ResultSet rs = query.executeQuery("SELECT COALESCE(MAX(globalindex), 0) FROM eventstore.domainevententry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Up to {@code limit} jobs above job id {@code after} whose newest event happened before
     * {@code cutoff}, in job id order, among {@code jobIds} (every job when empty): a page of the
     * archive's candidates. Without job ids it reads the whole table: an operator's occasional run,
     * not a request's.
     */
    public static List<Long> jobsIdleSince(Connection db, Instant cutoff, Collection<Long> jobIds, long after, int limit)
            throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT CAST(aggregateidentifier AS bigint) AS job FROM eventstore.domainevententry
                 WHERE (cardinality(CAST(? AS varchar[])) = 0 OR aggregateidentifier = ANY (CAST(? AS varchar[])))
                   AND CAST(aggregateidentifier AS bigint) > ?
                 GROUP BY aggregateidentifier
                HAVING max(CAST(timestamp AS timestamptz)) < ?
                 ORDER BY job
                 LIMIT ?""")) {
            java.sql.Array ids = db.createArrayOf("varchar", jobIds.stream().map(String::valueOf).toArray());
            query.setArray(1, ids);
            query.setArray(2, ids);
            query.setLong(3, after);
            query.setObject(4, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            query.setInt(5, limit);
            List<Long> jobs = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    jobs.add(rs.getLong(1));
                }
            }
            return jobs;
        }
    }

    /** Removes every stored event of the job (once they are archived); answers how many. */
    public static int removeJob(Connection db, long jobId) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement(
                "DELETE FROM eventstore.domainevententry WHERE aggregateidentifier = ?")) {
            delete.setString(1, Long.toString(jobId));
            return delete.executeUpdate();
        }
    }

    /** The job's stored events, oldest first. */
    public static List<Row> rowsOf(Connection db, long jobId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT globalindex, aggregateidentifier, sequencenumber, eventidentifier, timestamp, payloadtype,
                       payloadrevision, payload, metadata
                  FROM eventstore.domainevententry
                 WHERE aggregateidentifier = ?
                 ORDER BY sequencenumber
                """)) {
            query.setString(1, Long.toString(jobId));
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)));
                }
            }
            return rows;
        }
    }

    /**
     * What is stored of these jobs: their events, how many of the jobs exist (have a first event),
     * and by how many database transactions the events were written.
     */
    public record Stored(long events, long jobs, long transactions) {
    }

    public static Stored storedOf(Connection db, Collection<Long> jobIds) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT COUNT(*), COUNT(*) FILTER (WHERE sequencenumber = 0), COUNT(DISTINCT xmin::text)
                  FROM eventstore.domainevententry
                 WHERE aggregateidentifier = ANY (?)
                """)) {
            query.setArray(1, db.createArrayOf("varchar", jobIds.stream().map(String::valueOf).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new Stored(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /**
     * What wrote these jobs' events and a submission's idempotency key: how many rows the key has
     * (0 or 1) and by how many database transactions they and the events were written (1 when the key
     * committed with the events).
     */
    public record WrittenWithKey(long keyRows, long transactions) {
    }

    public static WrittenWithKey writtenWithKey(Connection db, Collection<Long> jobIds, String owner, String vo,
                                                String key) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT COUNT(*) FILTER (WHERE is_key), COUNT(DISTINCT writer) FROM (
                    SELECT false AS is_key, xmin::text AS writer FROM eventstore.domainevententry
                     WHERE aggregateidentifier = ANY (?)
                    UNION ALL
                    SELECT true, xmin::text FROM eventstore.submission_keys
                     WHERE owner = ? AND vo = ? AND idempotency_key = ?) AS written
                """)) {
            query.setArray(1, db.createArrayOf("varchar", jobIds.stream().map(String::valueOf).toArray()));
            query.setString(2, owner);
            query.setString(3, vo);
            query.setString(4, key);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new WrittenWithKey(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** The jobs whose submission names this owner, whatever reached the read models. */
    public static List<Long> jobsSubmittedBy(Connection db, String owner) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT aggregateidentifier FROM eventstore.domainevententry
                 WHERE sequencenumber = 0 AND payloadtype LIKE '%.JobSubmitted'
                   AND strpos(convert_from(payload, 'UTF8'), ?) > 0
                """)) {
            query.setString(1, "\"owner\":\"" + owner + "\"");
            List<Long> jobs = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    jobs.add(Long.parseLong(rs.getString(1)));
                }
            }
            return jobs;
        }
    }

    private static void batch(PreparedStatement insert, List<Row> rows) throws SQLException {
        for (Row row : rows) {
            bind(insert, row);
            insert.addBatch();
        }
        insert.executeBatch();
    }
}

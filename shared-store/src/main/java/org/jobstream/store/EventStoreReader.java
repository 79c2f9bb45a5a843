package org.jobstream.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jobstream.events.JobEventType;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.JobEventCodec.UnreadableEventException;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.store.archive.JobArchive;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the Axon event store ({@code domainevententry}, found through the search path) in global
 * index order, as the events the publisher puts on the job events topic: for rebuilding and
 * checking the read models, and for applying parked events again. Events stored in an earlier
 * version of their type are read as the current version, as the publisher reads them. Finished
 * jobs an operator archived are read from the archive, job by job.
 */
public class EventStoreReader {

    private static final String COLUMNS =
            "globalindex, eventidentifier, sequencenumber, timestamp, payloadtype, payloadrevision, payload";
    private static final Set<String> JOB_EVENT_TYPES = Arrays.stream(JobEventType.values())
            .map(type -> type.eventClass().getName())
            .collect(Collectors.toUnmodifiableSet());

    private final JdbcClient jdbc;
    private final JobArchive archive;
    private final JobEventCodec codec = new JobEventCodec();

    /** A reader of the event table only, for a store without an archive. */
    public EventStoreReader(JdbcClient jdbc) {
        this(jdbc, null);
    }

    public EventStoreReader(JdbcClient jdbc, JobArchive archive) {
        this.jdbc = jdbc;
        this.archive = archive;
    }

    /** Up to {@code limit} ids of archived jobs above {@code after}, in order (none without an archive). */
    public List<Long> archivedJobsAfter(long after, int limit) {
        return archive == null ? List.of() : archive.jobsAfter(after, limit);
    }

    /**
     * The archived job's events, in its order, each at the global index it had in the event table:
     * a rebuild applies archived jobs before the event table (they are finished, so no event of the
     * table follows theirs).
     */
    public List<StoredEvent> archivedEventsOf(long jobId) {
        if (archive == null) {
            return List.of();
        }
        return archive.rowsOf(jobId).stream().map(row -> stored(row.position(), row.eventIdentifier(), row.sequence(),
                row.timestamp(), row.payloadType(), row.revision(), row.payload())).toList();
    }

    /** The highest global index stored so far (0 for an empty store). */
    public long head() {
        return jdbc.sql("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }

    /** Up to {@code limit} stored events after global index {@code after}, in global index order. */
    public List<StoredEvent> readAfter(long after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domainevententry WHERE globalindex > :after ORDER BY globalindex LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query((rs, n) -> stored(rs))
                .list();
    }

    /** The stored events whose global index lies in one of the ranges, in global index order. */
    public List<StoredEvent> readRanges(List<IndexRange> ranges) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + prefixed("d") + " FROM unnest(CAST(:los AS bigint[]), CAST(:his AS bigint[])) AS g(lo, hi) "
                        + "JOIN domainevententry d ON d.globalindex BETWEEN g.lo AND g.hi ORDER BY d.globalindex")
                .param("los", arrayLiteral(ranges.stream().map(IndexRange::from).toList()))
                .param("his", arrayLiteral(ranges.stream().map(IndexRange::to).toList()))
                .query((rs, n) -> stored(rs))
                .list();
    }

    private StoredEvent stored(ResultSet rs) throws SQLException {
        return stored(rs.getLong("globalindex"), rs.getString("eventidentifier"), rs.getLong("sequencenumber"),
                rs.getString("timestamp"), rs.getString("payloadtype"), rs.getString("payloadrevision"),
                rs.getBytes("payload"));
    }

    private StoredEvent stored(long position, String eventIdentifier, long sequence, String timestamp,
                               String payloadType, String revision, byte[] payload) {
        if (!JOB_EVENT_TYPES.contains(payloadType)) {
            return new StoredEvent(position, null, null);
        }
        try {
            return new StoredEvent(position, new RecordedJobEvent(eventIdentifier,
                    codec.readStored(payloadType, revision, payload), sequence, position, Instant.parse(timestamp)), null);
        } catch (UnreadableEventException | java.time.format.DateTimeParseException e) {
            return new StoredEvent(position, null, "event " + eventIdentifier + " at " + position
                    + " (" + payloadType + "): " + e.getMessage());
        }
    }

    private static String prefixed(String alias) {
        return Arrays.stream(COLUMNS.split(", ")).map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    private static String arrayLiteral(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * One row of the event store: a job event, or nothing to project (another aggregate's event,
     * which the publisher does not publish either), or an unreadable job event with the reason.
     */
    public record StoredEvent(long position, RecordedJobEvent event, String unreadable) {
    }

    /** Global indexes {@code from} to {@code to}, both included. */
    public record IndexRange(long from, long to) {
    }
}

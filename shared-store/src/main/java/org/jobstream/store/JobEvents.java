package org.jobstream.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jobstream.access.JobOwnership;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.EventTableRows.Row;
import org.jobstream.store.archive.JobArchive;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One job's events as the event store holds them (Axon's {@code domainevententry}, one aggregate a
 * job), and who owns each job: the first event of every job, {@code JobSubmitted}, names its owner
 * and VO, the one source of ownership for commands and reads alike. A finished job an operator
 * archived is read from the archive ({@link JobArchive}): its history and ownership stay whole.
 */
public class JobEvents {

    /**
     * A stored event of a job: its number in the job, when it happened, its type and revision (Axon's
     * payload type and revision, {@code null} without one) and its JSON.
     */
    public record StoredJobEvent(long sequence, Instant time, String payloadType, String payloadRevision,
                                 byte[] payload) {
    }

    private final JdbcClient jdbc;
    private final JobArchive archive;
    private final ObjectMapper mapper = JobEventCodec.defaultMapper();

    /** The jobs in the event table only, for a store without an archive. */
    public JobEvents(JdbcClient jdbc) {
        this(jdbc, null);
    }

    /** The jobs in the event table, and those moved to the archive. */
    public JobEvents(JdbcClient jdbc, JobArchive archive) {
        this.jdbc = jdbc;
        this.archive = archive;
    }

    /**
     * Up to {@code limit} events of the job from its event number {@code from} on, oldest first, from
     * the event table or, for an archived job, from its archived stream (then any event the table
     * received for it since).
     */
    public List<StoredJobEvent> events(long jobId, long from, int limit) {
        List<StoredJobEvent> stored = storedEvents(jobId, from, limit);
        if (archive == null || (!stored.isEmpty() && stored.get(0).sequence() == from)) {
            return stored;
        }
        List<Row> archived = archive.rowsOf(jobId);
        if (archived.isEmpty()) {
            return stored;
        }
        long archivedUpTo = archived.get(archived.size() - 1).sequence();
        List<StoredJobEvent> events = new ArrayList<>();
        archived.stream().filter(row -> row.sequence() >= from).limit(limit).map(JobEvents::stored).forEach(events::add);
        if (events.size() < limit) {
            storedEvents(jobId, Math.max(from, archivedUpTo + 1), limit - events.size()).forEach(events::add);
        }
        return events;
    }

    private static StoredJobEvent stored(Row row) {
        return new StoredJobEvent(row.sequence(), Instant.parse(row.timestamp()), row.payloadType(), row.revision(),
                row.payload());
    }

    private List<StoredJobEvent> storedEvents(long jobId, long from, int limit) {
        return jdbc.sql("""
                        SELECT sequencenumber, timestamp, payloadtype, payloadrevision, payload
                          FROM domainevententry
                         WHERE aggregateidentifier = :id AND sequencenumber >= :from
                         ORDER BY sequencenumber
                         LIMIT :limit
                        """)
                .param("id", Long.toString(jobId))
                .param("from", from)
                .param("limit", limit)
                .query((rs, n) -> new StoredJobEvent(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getBytes(5)))
                .list();
    }

    /** How many events the job has (0 for a job that does not exist), archived ones included. */
    public long count(long jobId) {
        long stored = jdbc.sql("SELECT COALESCE(MAX(sequencenumber) + 1, 0) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", Long.toString(jobId))
                .query(Long.class).single();
        if (stored > 0 || archive == null) {
            return stored;
        }
        return archive.indexed(jobId).map(JobArchive.ArchivedJob::events).orElse(0L);
    }

    /**
     * What a job's submission, its first event, says of it: who owns it, and its group then; and
     * whether the job is archived (its events, submission included, are in the archive, not the
     * event table).
     */
    public record Submission(long jobId, String owner, String vo, String jobGroup, boolean archived) {

        public JobOwnership ownership() {
            return new JobOwnership(jobId, owner, vo);
        }
    }

    /** The owners of those of the jobs that exist, from each one's first event. */
    public List<JobOwnership> owners(Collection<Long> jobIds) {
        return submissions(jobIds).stream().map(Submission::ownership).toList();
    }

    /** The submissions of those of the jobs that exist, archived ones included (from the archive's index). */
    public List<Submission> submissions(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        List<Submission> stored = storedSubmissions(jobIds);
        if (archive == null || stored.size() == jobIds.size()) {
            return stored;
        }
        Set<Long> found = stored.stream().map(Submission::jobId).collect(Collectors.toSet());
        List<Submission> all = new ArrayList<>(stored);
        archive.indexed(jobIds.stream().filter(id -> !found.contains(id)).toList()).forEach(job ->
                all.add(new Submission(job.jobId(), job.owner(), job.vo(), job.jobGroup(), true)));
        return all;
    }

    private List<Submission> storedSubmissions(Collection<Long> jobIds) {
        return jdbc.sql("""
                        SELECT aggregateidentifier, payload FROM domainevententry
                         WHERE aggregateidentifier = ANY (:ids) AND sequencenumber = 0
                        """)
                .param("ids", jobIds.stream().map(String::valueOf).toArray(String[]::new))
                .query((rs, n) -> {
                    JsonNode submitted = read(rs.getBytes(2));
                    return new Submission(Long.parseLong(rs.getString(1)), submitted.path("owner").asText(),
                            submitted.path("vo").asText(), submitted.path("jobGroup").asText(), false);
                })
                .list();
    }

    /** The position (global index) of the stored event with this identifier. */
    public long positionOf(String eventIdentifier) {
        return jdbc.sql("SELECT globalindex FROM domainevententry WHERE eventidentifier = :id")
                .param("id", eventIdentifier).query(Long.class).single();
    }

    private JsonNode read(byte[] payload) {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable JobSubmitted payload", e);
        }
    }
}

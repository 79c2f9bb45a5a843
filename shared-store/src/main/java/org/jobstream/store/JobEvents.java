package org.jobstream.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jobstream.access.JobOwnership;
import org.jobstream.events.cloud.JobEventCodec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One job's events as the event store holds them (Axon's {@code domainevententry}, one aggregate a
 * job), and who owns each job: the first event of every job, {@code JobSubmitted}, names its owner
 * and VO, the one source of ownership for commands and reads alike.
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
    private final ObjectMapper mapper = JobEventCodec.defaultMapper();

    public JobEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events of the job from its event number {@code from} on, oldest first. */
    public List<StoredJobEvent> events(long jobId, long from, int limit) {
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

    /** How many events the job has (0 for a job that does not exist). */
    public long count(long jobId) {
        return jdbc.sql("SELECT COALESCE(MAX(sequencenumber) + 1, 0) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", Long.toString(jobId))
                .query(Long.class).single();
    }

    /** What a job's submission, its first event, says of it: who owns it, and its group then. */
    public record Submission(long jobId, String owner, String vo, String jobGroup) {

        public JobOwnership ownership() {
            return new JobOwnership(jobId, owner, vo);
        }
    }

    /** The owners of those of the jobs that exist, from each one's first event. */
    public List<JobOwnership> owners(Collection<Long> jobIds) {
        return submissions(jobIds).stream().map(Submission::ownership).toList();
    }

    /** The submissions of those of the jobs that exist. */
    public List<Submission> submissions(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT aggregateidentifier, payload FROM domainevententry
                         WHERE aggregateidentifier = ANY (:ids) AND sequencenumber = 0
                        """)
                .param("ids", jobIds.stream().map(String::valueOf).toArray(String[]::new))
                .query((rs, n) -> {
                    JsonNode submitted = read(rs.getBytes(2));
                    return new Submission(Long.parseLong(rs.getString(1)), submitted.path("owner").asText(),
                            submitted.path("vo").asText(), submitted.path("jobGroup").asText());
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

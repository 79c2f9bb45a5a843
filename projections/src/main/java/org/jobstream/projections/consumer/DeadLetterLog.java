package org.jobstream.projections.consumer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events the projections could not apply ({@code dead_letters}, in the read model): each is
 * recorded when it is parked and stays unresolved until it is applied from the event store. The
 * health endpoint, {@code ./jobstream status}, {@code ./jobstream check} and the query side's
 * answers report them; {@code ./jobstream dead-letters} lists and replays them.
 */
@Component
public class DeadLetterLog {

    /** One parked event. {@code eventId}, {@code position} and {@code type} are null when it could not be read. */
    public record DeadLetter(long id, String topic, int partition, long offset, Long jobId, String eventId,
                             Long position, String type, String reason, Instant parkedAt, Instant resolvedAt) {
    }

    private final JdbcClient jdbc;

    public DeadLetterLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a parked event (again, if it was parked before: the reason of the latest attempt counts). */
    void parked(String topic, int partition, long offset, Long jobId, String eventId, Long position, String type,
                String reason) {
        jdbc.sql("""
                INSERT INTO dead_letters (topic, partition, kafka_offset, job_id, event_id, event_position, event_type, reason)
                VALUES (:topic, :partition, :offset, :jobId, :eventId, :position, :type, :reason)
                ON CONFLICT (topic, partition, kafka_offset) DO UPDATE
                   SET reason = EXCLUDED.reason, parked_at = now(), resolved_at = NULL
                """)
                .param("topic", topic).param("partition", partition).param("offset", offset)
                .param("jobId", jobId).param("eventId", eventId).param("position", position).param("type", type)
                .param("reason", reason)
                .update();
    }

    /** How many parked events are not resolved. */
    public long unresolvedCount() {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letters WHERE resolved_at IS NULL").query(Long.class).single();
    }

    /** The unresolved parked events, oldest first. */
    public List<DeadLetter> unresolved() {
        return jdbc.sql("SELECT * FROM dead_letters WHERE resolved_at IS NULL ORDER BY id")
                .query((rs, n) -> new DeadLetter(rs.getLong("id"), rs.getString("topic"), rs.getInt("partition"),
                        rs.getLong("kafka_offset"), (Long) rs.getObject("job_id"), rs.getString("event_id"),
                        (Long) rs.getObject("event_position"), rs.getString("event_type"), rs.getString("reason"),
                        rs.getTimestamp("parked_at").toInstant(),
                        rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant()))
                .list();
    }

    public void resolved(long id) {
        jdbc.sql("UPDATE dead_letters SET resolved_at = :now WHERE id = :id")
                .param("now", Timestamp.from(Instant.now())).param("id", id).update();
    }

    public void stillFailing(long id, String reason) {
        jdbc.sql("UPDATE dead_letters SET reason = :reason WHERE id = :id").param("reason", reason).param("id", id).update();
    }
}

package org.jobstream.projections.consumer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the projections are on the job events topic, stored with the read model in one
 * transaction. This, not Kafka's committed offset, is where a restarted consumer resumes.
 */
@Component
public class ProjectionOffsets {

    private final JdbcClient jdbc;

    public ProjectionOffsets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next offset to read, per partition, of the partitions that have one. */
    public Map<Integer, Long> nextOffsets(String topic) {
        return jdbc.sql("SELECT partition, next_offset FROM projection_offsets WHERE topic = :topic")
                .param("topic", topic)
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** When a batch of the topic was last committed, if ever. */
    public Optional<Instant> lastUpdate(String topic) {
        return jdbc.sql("SELECT MAX(updated_at) FROM projection_offsets WHERE topic = :topic")
                .param("topic", topic)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    /**
     * Takes an advisory lock shared until the end of the current transaction, waiting while
     * someone holds it exclusively.
     */
    public void holdShared(long lock) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(:lock)").param("lock", lock).query().listOfRows();
    }

    /**
     * Notes that everything committed up to {@code committed} (offsets read before a refresh of the
     * index began, which that refresh made searchable) can be found by search.
     */
    public void searchableUpTo(String topic, Map<Integer, Long> committed) {
        if (committed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE projection_offsets p
                   SET searchable_offset = GREATEST(p.searchable_offset, c.next_offset)
                  FROM unnest(:partitions::int[], :offsets::bigint[]) AS c(partition, next_offset)
                 WHERE p.topic = :topic AND p.partition = c.partition
                """)
                .param("topic", topic)
                .param("partitions", committed.keySet().toArray(Integer[]::new))
                .param("offsets", committed.keySet().stream().map(committed::get).toArray(Long[]::new))
                .update();
    }

    public void store(String topic, int partition, long nextOffset) {
        jdbc.sql("""
                INSERT INTO projection_offsets (topic, partition, next_offset, updated_at)
                VALUES (:topic, :partition, :next, now())
                ON CONFLICT (topic, partition) DO UPDATE
                   SET next_offset = GREATEST(projection_offsets.next_offset, EXCLUDED.next_offset),
                       updated_at = now()
                """)
                .param("topic", topic)
                .param("partition", partition)
                .param("next", nextOffset)
                .update();
    }
}

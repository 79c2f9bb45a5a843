package org.jobstream.store;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The publisher's progress on Kafka, one row per published batch (table {@code publish_progress}):
 * the position its token reached, the gaps below it, and per partition the offset after the newest
 * record published so far. Written in the publisher's own transaction, the one that moves its token.
 */
public class PublishProgress {

    private final JdbcClient jdbc;

    public PublishProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a published batch.
     *
     * @param position    the token's position after the batch
     * @param gaps        the token's gaps: positions below {@code position} not published
     * @param nextOffsets per partition, the offset after the batch's newest record there (partitions
     *                    the batch did not touch may be absent)
     * @param newestEvent the time of the batch's newest event
     */
    public void record(long position, Collection<Long> gaps, Map<Integer, Long> nextOffsets, Instant newestEvent) {
        long[] offsets = merged(latestOffsets(), nextOffsets);
        jdbc.sql("""
                        INSERT INTO publish_progress (position, gaps, next_offsets, newest_event, published_at)
                        VALUES (:position, :gaps, :offsets, :newest, now())
                        ON CONFLICT (position) DO UPDATE
                           SET gaps = EXCLUDED.gaps, next_offsets = EXCLUDED.next_offsets,
                               newest_event = GREATEST(publish_progress.newest_event, EXCLUDED.newest_event),
                               published_at = now()
                        """)
                .param("position", position)
                .param("gaps", gaps.toArray(Long[]::new))
                .param("offsets", boxed(offsets))
                .param("newest", Timestamp.from(newestEvent))
                .update();
    }

    /** Deletes the rows below {@code visible} older than {@code age}: the read models are past them. */
    public int forgetBelow(long visible, Duration age) {
        return jdbc.sql("""
                        DELETE FROM publish_progress
                         WHERE position < :visible AND published_at < now() - make_interval(secs => :age)
                        """)
                .param("visible", visible)
                .param("age", age.toSeconds())
                .update();
    }

    private long[] latestOffsets() {
        return jdbc.sql("SELECT next_offsets FROM publish_progress ORDER BY position DESC LIMIT 1")
                .query((rs, n) -> longs(rs.getArray(1)))
                .optional().orElse(new long[0]);
    }

    static long[] merged(long[] before, Map<Integer, Long> batch) {
        int size = Math.max(before.length, batch.keySet().stream().mapToInt(p -> p + 1).max().orElse(0));
        long[] merged = new long[size];
        for (int p = 0; p < size; p++) {
            merged[p] = Math.max(p < before.length ? before[p] : 0, batch.getOrDefault(p, 0L));
        }
        return merged;
    }

    static long[] longs(Array array) throws java.sql.SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = ((Number) values[i]).longValue();
        }
        return longs;
    }

    private static Long[] boxed(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}

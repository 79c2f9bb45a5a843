package org.jobstream.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the read models have caught up with the event store: the newest batch of the publisher
 * (a {@link PublishProgress} row) whose records the projections have applied on every partition of
 * the job events topic (their offsets, {@code projection_offsets}, written with the read model in
 * one transaction). Events are applied in each partition's order and the publisher writes a row
 * only once Kafka has acknowledged the batch, so every event such a row covers is in the read
 * models, except the row's gaps.
 */
public class ReadModelVisibility {

    /**
     * What the read models include: every event up to {@code position} but the {@code gaps} and
     * the {@code deadLetters} events the projections parked (unresolved); the newest of them
     * happened at {@code newestEvent}.
     */
    public record Visible(long position, List<Long> gaps, Instant newestEvent, long deadLetters) {

        /** Nothing is known to be visible (an empty store, or nothing published yet). */
        public static final Visible NOTHING = new Visible(0, List.of(), null, 0);

        public Visible {
            gaps = List.copyOf(gaps);
        }

        /** The gaps at or below {@code target}: the only events up to there this may lack. */
        public List<Long> gapsUpTo(long target) {
            return gaps.stream().filter(gap -> gap <= target).toList();
        }
    }

    private final JdbcClient jdbc;
    private final EventStoreHead head;
    private final String topic;

    public ReadModelVisibility(JdbcClient jdbc, EventStoreHead head, String topic) {
        this.jdbc = jdbc;
        this.head = head;
        this.topic = topic;
    }

    /** What the read models include now. */
    public Visible current() {
        long deadLetters = jdbc.sql("SELECT COUNT(*) FROM dead_letters WHERE resolved_at IS NULL").query(Long.class).single();
        return jdbc.sql("""
                        SELECT p.position, p.gaps, p.newest_event
                          FROM publish_progress p
                         WHERE NOT EXISTS (
                               SELECT 1
                                 FROM unnest(p.next_offsets) WITH ORDINALITY AS published(next_offset, n)
                                 LEFT JOIN projection_offsets projected
                                        ON projected.topic = :topic AND projected.partition = published.n - 1
                                WHERE published.next_offset > COALESCE(projected.searchable_offset, 0))
                         ORDER BY p.position DESC
                         LIMIT 1
                        """)
                .param("topic", topic)
                .query((rs, n) -> new Visible(rs.getLong(1), List.of((Long[]) rs.getArray(2).getArray()),
                        rs.getTimestamp(3).toInstant(), deadLetters))
                .optional()
                .orElse(new Visible(0, List.of(), null, deadLetters));
    }

    /**
     * Whether {@code visible} includes every event committed up to {@code target}: it reaches the
     * target, and none of its gaps up to there is an event committed since (one that was in
     * flight when the publisher passed it and is published in a later batch).
     */
    public boolean includes(Visible visible, long target) {
        if (target <= 0) {
            return true;
        }
        if (visible.position() < target) {
            return false;
        }
        List<Long> gaps = visible.gapsUpTo(target);
        return gaps.isEmpty() || !head.anyCommitted(gaps);
    }

    /** The newest batch of the publisher, whatever the read models have applied: how far Kafka is. */
    public Optional<Long> published() {
        return jdbc.sql("SELECT MAX(position) FROM publish_progress").query(Long.class).optional();
    }
}

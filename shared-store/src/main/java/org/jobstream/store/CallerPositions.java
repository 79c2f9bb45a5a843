package org.jobstream.store;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event-store position each caller (token subject) must find in the read models: that of its
 * newest acknowledged command. The command service records it before it answers a command; a read
 * by the same caller waits for it, and for nothing else.
 */
public class CallerPositions {

    private final JdbcClient jdbc;

    public CallerPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Raises the caller's position to the store's head, which is at or past every event the
     * caller's committed commands appended: one short statement outside any transaction, so that
     * concurrent requests of one caller (all pilots may share one identity) hold its row only for a
     * moment. It commits without waiting for the disk ({@code synchronous_commit} off for this
     * statement alone): the row is visible to every instance at once, and a database crash can only
     * lose the last fraction of a second of positions, which makes reads not wait, never lose data.
     *
     * @return the caller's position now: the value to answer as {@code X-Jobstream-Position}
     */
    public long record(String subject) {
        return jdbc.sql("""
                        WITH no_flush_wait AS (SELECT set_config('synchronous_commit', 'off', true))
                        INSERT INTO caller_positions (subject, position, updated_at)
                        SELECT :subject, (SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry), now()
                          FROM no_flush_wait
                        ON CONFLICT (subject) DO UPDATE
                           SET position = GREATEST(caller_positions.position, EXCLUDED.position),
                               updated_at = now()
                        RETURNING position
                        """)
                .param("subject", subject)
                .query(Long.class).single();
    }

    /** The caller's position, if it has written anything that may not be visible yet. */
    public Optional<Long> of(String subject) {
        return jdbc.sql("SELECT position FROM caller_positions WHERE subject = :subject")
                .param("subject", subject)
                .query(Long.class).optional();
    }

    /** Forgets callers whose writes are visible and who have written nothing for {@code idle}. */
    public int forgetVisible(long visible, Duration idle) {
        return jdbc.sql("""
                        DELETE FROM caller_positions
                         WHERE position <= :visible AND updated_at < now() - make_interval(secs => :idle)
                        """)
                .param("visible", visible)
                .param("idle", idle.toSeconds())
                .update();
    }
}

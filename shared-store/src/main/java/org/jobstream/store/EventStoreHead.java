package org.jobstream.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The event store's head: the position (global index) of its newest committed event. */
public class EventStoreHead {

    private final JdbcClient jdbc;

    public EventStoreHead(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest committed position, 0 for an empty store. */
    public long position() {
        return jdbc.sql("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }

    /** When the first event after {@code position} was created, if there is one. */
    public Optional<Instant> timeOfFirstAfter(long position) {
        return jdbc.sql("SELECT timestamp FROM domainevententry WHERE globalindex > :position ORDER BY globalindex LIMIT 1")
                .param("position", position)
                .query(String.class).optional()
                .map(Instant::parse);
    }

    /** Whether any of {@code positions} holds a committed event. */
    public boolean anyCommitted(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return false;
        }
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM domainevententry WHERE globalindex = ANY (:positions))")
                .param("positions", positions.toArray(Long[]::new))
                .query(Boolean.class).single();
    }
}

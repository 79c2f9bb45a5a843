package org.jobstream.command.store;

import org.jobstream.api.ApiHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event store's head: the position of its newest event. Answered to clients after each command
 * (header {@code X-Jobstream-Position}), so that a query can wait for exactly what they wrote.
 */
@Component
public class EventStorePosition {

    private final JdbcClient jdbc;

    EventStorePosition(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A 200 answer carrying the position header. */
    public <T> ResponseEntity<T> answer(T body) {
        return answer(HttpStatus.OK, body);
    }

    /** An answer carrying the position header, so the client can read its own writes. */
    public <T> ResponseEntity<T> answer(HttpStatus status, T body) {
        return ResponseEntity.status(status).header(ApiHeaders.POSITION, Long.toString(head())).body(body);
    }

    /** The position of the newest committed event; at least that of every event the caller has committed. */
    public long head() {
        return jdbc.sql("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }
}

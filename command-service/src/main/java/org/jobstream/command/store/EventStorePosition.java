package org.jobstream.command.store;

import org.jobstream.access.Caller;
import org.jobstream.api.ApiHeaders;
import org.jobstream.store.CallerPositions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer to a command: before it goes out, the caller's position is raised to the event
 * store's head (now past every event the command appended), so that the caller's next read, on any
 * instance of the query service, waits for exactly its own writes. The answer carries that position
 * ({@code X-Jobstream-Position}) for clients that want to wait for one precise write.
 */
@Component
public class EventStorePosition {

    private final CallerPositions callers;

    EventStorePosition(CallerPositions callers) {
        this.callers = callers;
    }

    /** A 200 answer carrying the position header. */
    public <T> ResponseEntity<T> answer(Caller caller, T body) {
        return answer(caller, HttpStatus.OK, body);
    }

    /** Records the caller's position for an answer that is not built here (an error answer). */
    public long record(Caller caller) {
        return callers.record(caller.subject());
    }

    /** An answer carrying the position header, once the caller's position is recorded. */
    public <T> ResponseEntity<T> answer(Caller caller, HttpStatus status, T body) {
        long position = record(caller);
        return ResponseEntity.status(status).header(ApiHeaders.POSITION, Long.toString(position)).body(body);
    }
}

package org.jobstream.api;

/** HTTP headers Jobstream adds to the DiracX API. */
public final class ApiHeaders {

    /**
     * The event-store position of a command's last event, answered by every command; a client
     * sends it back on a query to have that query wait until the read models include it (a query
     * without it waits for the same caller's own commands anyway).
     */
    public static final String POSITION = "X-Jobstream-Position";

    /**
     * On every query answer: the event-store position the read models included when the answer was
     * made (every event up to it, as far as the publisher had seen them).
     */
    public static final String READ_POSITION = "X-Jobstream-Read-Position";

    /** On every query answer: when the newest event the read models included happened (ISO-8601). */
    public static final String READ_TIME = "X-Jobstream-Read-Time";

    /**
     * On a query answer when the read models hold fewer events than they should: how many events
     * they could not apply (parked, see {@code ./jobstream dead-letters}); the answer may lack them.
     */
    public static final String DEAD_LETTERS = "X-Jobstream-Dead-Letters";

    private ApiHeaders() {
    }
}

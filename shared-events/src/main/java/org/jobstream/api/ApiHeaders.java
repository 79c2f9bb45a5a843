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

    /**
     * On a job submission ({@code POST /api/jobs/jdl}): the client's key for the request (IETF draft
     * "The Idempotency-Key HTTP Header Field"), 1 to 255 visible ASCII characters. A retry with the
     * same key and the same body gets the first answer again instead of new jobs; see
     * {@link IdempotencyKey}.
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * On a submission's answer that repeats an earlier one ({@code true}): the request's
     * {@link #IDEMPOTENCY_KEY} had already created these jobs, and no new job was made.
     */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private ApiHeaders() {
    }
}

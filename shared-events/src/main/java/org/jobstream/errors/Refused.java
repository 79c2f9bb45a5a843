package org.jobstream.errors;

import java.util.OptionalLong;

/**
 * The request is understood and refused by a rule of the domain ({@code 400}): an illegal
 * transition, a sandbox that does not exist, per-job results when no job succeeded.
 */
public final class Refused extends RequestError {

    private final Long position;

    /** @param detail a message, or a structured object such as per-job results */
    public Refused(Object detail) {
        this(detail, null);
    }

    private Refused(Object detail, Long position) {
        super(detail);
        this.position = position;
    }

    /**
     * The same refusal, after which the event store holds events the request still appended up to
     * {@code position} (e.g. jobs failed past their maximum of reschedules): the caller's reads can
     * wait for them ({@code X-Jobstream-Position}).
     */
    public Refused afterAppendingUpTo(long position) {
        return new Refused(detail(), position);
    }

    public OptionalLong position() {
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}

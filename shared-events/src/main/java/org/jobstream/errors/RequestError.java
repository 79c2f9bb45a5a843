package org.jobstream.errors;

/**
 * A request the service refuses, in the domain's words: each kind is one answer of the API
 * ({@code shared-web} maps them to HTTP in one place, in DiracX's shapes). Logic throws these, never
 * HTTP types; the {@code detail} is what the answer's {@code "detail"} holds.
 */
public abstract sealed class RequestError extends RuntimeException
        permits Refused, Invalid, NotFound, TooLarge, Conflict, Unavailable {

    private final transient Object detail;

    protected RequestError(Object detail) {
        this(String.valueOf(detail), detail);
    }

    protected RequestError(String message, Object detail) {
        super(message);
        this.detail = detail;
    }

    public Object detail() {
        return detail;
    }
}

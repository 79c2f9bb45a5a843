package org.jobstream.errors;

/** A server the request needs cannot answer now; the same request may succeed later ({@code 503}, with {@code Retry-After}). */
public final class Unavailable extends RequestError {

    /** @param detail a message, or a structured object such as per-job results */
    public Unavailable(Object detail) {
        super(detail);
    }
}

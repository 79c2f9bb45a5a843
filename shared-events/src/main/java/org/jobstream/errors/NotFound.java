package org.jobstream.errors;

/** What the request names does not exist, or is not the caller's to know of ({@code 404}). */
public final class NotFound extends RequestError {

    /** @param detail a message, or a structured object such as per-job results */
    public NotFound(Object detail) {
        super(detail);
    }
}

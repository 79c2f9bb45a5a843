package org.jobstream.errors;

/** The request conflicts with an operation in progress ({@code 409}). */
public final class Conflict extends RequestError {

    /** @param detail a message, or a structured object such as per-job results */
    public Conflict(Object detail) {
        super(detail);
    }
}

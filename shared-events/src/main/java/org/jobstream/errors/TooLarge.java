package org.jobstream.errors;

/** The request asks for more than one request may ({@code 413}): ids, bytes. */
public final class TooLarge extends RequestError {

    /** @param detail a message, or a structured object such as per-job results */
    public TooLarge(Object detail) {
        super(detail);
    }
}

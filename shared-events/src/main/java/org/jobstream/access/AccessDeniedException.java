package org.jobstream.access;

/** The caller may not do what they asked; the API answers {@code 403} with this message. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}

package org.jobstream.command.job;

/**
 * A command asked for a change the job's rules reject: a metadata value of the wrong type, a status
 * request without updates, an unknown heartbeat field. Nothing was changed. The HTTP layer answers
 * {@code 400} with the message as {@code detail}.
 */
public class InvalidJobUpdateException extends RuntimeException {

    public InvalidJobUpdateException(String message) {
        super(message);
    }
}

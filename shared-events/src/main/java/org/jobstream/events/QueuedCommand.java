package org.jobstream.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A job command waiting for the job's next heartbeat (DiracX's {@code JobCommands} row), identified
 * within its job by the time it was queued.
 *
 * @param command   the command, currently always {@value #KILL}
 * @param arguments its arguments ({@code ""} for {@code Kill})
 * @param queuedAt  when it was queued (DiracX's {@code ReceptionTime})
 */
public record QueuedCommand(String command, String arguments, Instant queuedAt) {

    /** The command that tells a job's pilot to kill the job. */
    public static final String KILL = "Kill";

    public QueuedCommand {
        Objects.requireNonNull(command, "command");
        arguments = arguments == null ? "" : arguments;
        Objects.requireNonNull(queuedAt, "queuedAt");
    }
}

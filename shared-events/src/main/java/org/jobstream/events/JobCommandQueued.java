package org.jobstream.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A job command was queued for the job's pilot, to be handed over with its next heartbeat: a
 * {@code Kill} when a status update moved the job to {@code Killed} or {@code Deleted}. A command
 * already waiting is not queued twice. A read model inserts it as pending (DiracX's
 * {@code JobCommands} row with status {@code Received}), keyed by job and {@link #time()}.
 *
 * @param jobId     the job
 * @param command   the command, currently always {@code "Kill"}
 * @param arguments the command's arguments ({@code ""} for {@code Kill})
 * @param time      when it was queued; identifies the command within its job
 */
public record JobCommandQueued(long jobId, String command, String arguments, Instant time) implements JobEvent {

    public JobCommandQueued {
        Objects.requireNonNull(command, "command");
        arguments = arguments == null ? "" : arguments;
        Objects.requireNonNull(time, "time");
    }

    /** The command as it waits in the job's queue. */
    public QueuedCommand queued() {
        return new QueuedCommand(command, arguments, time);
    }
}

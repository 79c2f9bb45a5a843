package org.jobstream.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A heartbeat took the job's pending commands: each command is delivered exactly once, so these
 * are no longer pending (a read model marks them {@code Sent}, DiracX's status).
 *
 * @param jobId    the job
 * @param commands the commands handed to the pilot, in the order they were queued
 * @param time     when they were delivered (the heartbeat's time)
 */
public record JobCommandsDelivered(long jobId, List<QueuedCommand> commands, Instant time) implements JobEvent {

    public JobCommandsDelivered {
        commands = List.copyOf(Objects.requireNonNull(commands, "commands"));
        Objects.requireNonNull(time, "time");
    }
}

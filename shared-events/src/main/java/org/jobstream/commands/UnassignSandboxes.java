package org.jobstream.commands;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove every sandbox mapping of a job (input and output); nothing happens when it has none. */
public record UnassignSandboxes(@TargetAggregateIdentifier long jobId, Instant now) {
}

package org.jobstream.commands;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make an uploaded sandbox (short PFN) a job's output sandbox; refused when it already is. */
public record AssignOutputSandbox(@TargetAggregateIdentifier long jobId, String pfn, Instant now) {
}

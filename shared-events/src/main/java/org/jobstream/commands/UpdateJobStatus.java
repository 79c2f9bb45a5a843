package org.jobstream.commands;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Apply one job's part of a status request ({@code PATCH /api/jobs/status}). The Job aggregate
 * sorts the updates by time, lets only those at or after its latest status record change its
 * status, consults the state machine unless {@code force}, and answers with an
 * {@link org.jobstream.api.JobStatusChange}: the values it changed, DiracX's {@code success} entry.
 *
 * @param jobId   the job
 * @param updates the job's updates, in any order; at least one
 * @param force   apply any status, bypassing the state machine (the timestamp rule still holds)
 * @param now     the server time of the request ({@code LastUpdateTime}, the time of a queued Kill)
 */
public record UpdateJobStatus(@TargetAggregateIdentifier long jobId, List<StatusUpdate> updates, boolean force,
                              Instant now) {

    public UpdateJobStatus {
        updates = updates == null ? List.of() : List.copyOf(updates);
        Objects.requireNonNull(now, "now");
    }
}

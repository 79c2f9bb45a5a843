package org.jobstream.commands;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reschedule a job ({@code POST /api/jobs/reschedule}): back to {@code Received}, or, past the
 * maximum number of reschedules, {@code Failed}. The Job aggregate answers with a
 * {@code RescheduleOutcome} of the command service.
 *
 * @param jobId          the job
 * @param resetCounter   set the reschedule counter to 0 instead of incrementing it ({@code reset_jobs})
 * @param maxReschedules the VO's {@code MaxRescheduling} (DiracX's default is 3); at least 0
 * @param now            the server time of the request ({@code RescheduleTime})
 */
public record RescheduleJob(@TargetAggregateIdentifier long jobId, boolean resetCounter, int maxReschedules,
                            Instant now) {

    /** DiracX's default {@code Operations/<vo>/Services/JobScheduling/MaxRescheduling}. */
    public static final int DEFAULT_MAX_RESCHEDULES = 3;

    public RescheduleJob {
        if (maxReschedules < 0) {
            throw new IllegalArgumentException("maxReschedules must be at least 0: " + maxReschedules);
        }
        Objects.requireNonNull(now, "now");
    }
}

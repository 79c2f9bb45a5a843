package org.jobstream.command.job;

import java.time.Instant;
import org.jobstream.api.JobStatusChange;

/**
 * The answer of the Job aggregate to {@link org.jobstream.commands.RescheduleJob}: one entry of
 * DiracX's {@code success} or {@code failed} map. Rescheduling never throws for a job that exists,
 * because the maximum case must both fail the job (an event) and report a failure; an exception
 * would roll the event back.
 */
public sealed interface RescheduleOutcome {

    long jobId();

    /**
     * The job was rescheduled: the values of DiracX's {@code success} entry ({@code InputData}
     * carries the JDL there).
     *
     * @param jdl               the job's JDL
     * @param site              the job's {@code Site}
     * @param userPriority      the job's {@code UserPriority}
     * @param rescheduleTime    the new {@code RescheduleTime}
     * @param rescheduleCounter the new {@code RescheduleCounter}
     * @param statusChange      the status values set: {@code Received} / {@code "Job Rescheduled"} /
     *                          {@code "Unknown"} and {@code LastUpdateTime}
     */
    record Rescheduled(long jobId, String jdl, String site, int userPriority, Instant rescheduleTime,
                       int rescheduleCounter, JobStatusChange statusChange) implements RescheduleOutcome {
    }

    /**
     * The job was not rescheduled; {@code detail} is DiracX's {@code failed} entry, e.g.
     * {@code "Maximum number of reschedules exceeded (3)"}.
     *
     * @param detail       why
     * @param statusChange past the maximum: the change that failed the job ({@code Failed} /
     *                     {@code "Maximum of reschedulings reached"}); otherwise {@code null}, nothing changed
     */
    record Refused(long jobId, String detail, JobStatusChange statusChange) implements RescheduleOutcome {
    }
}

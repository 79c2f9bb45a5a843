package org.jobstream.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job was rescheduled ({@code POST /api/jobs/reschedule}): it goes back to {@code Received} /
 * {@code "Job Rescheduled"} / {@code "Unknown"} from whatever status it had (also from
 * {@code Failed} and {@code Killed}, unlike DiracX), with its reschedule counter incremented or
 * reset. Commands still waiting for the previous run (a {@code Kill}) are dropped, so that they do
 * not kill the new run.
 *
 * <p>A job past the maximum number of reschedules is not rescheduled: that case is a
 * {@link JobStatusUpdated} to {@code Failed} / {@code "Maximum of reschedulings reached"}.
 *
 * <p>A read model sets the job's {@code RescheduleCounter}, {@code RescheduleTime},
 * {@code Status}, {@code MinorStatus}, {@code ApplicationStatus} and {@code LastUpdateTime} to the
 * values below, appends {@link #records()} to its history and forgets {@link #droppedCommands()}.
 * {@code StartExecTime}, {@code EndExecTime} and {@code HeartBeatTime} are unchanged, as in DiracX.
 *
 * @param jobId             the job
 * @param rescheduleCounter the new {@code RescheduleCounter} (0 after a reset)
 * @param rescheduleTime    the new {@code RescheduleTime}: when the job was rescheduled
 * @param records           the status records made: {@code Rescheduled} then {@code Received} /
 *                          {@code "Job Rescheduled"}, both at {@link #rescheduleTime()}
 * @param status            the job's status afterwards ({@code Received})
 * @param minorStatus       the job's minor status afterwards ({@code "Job Rescheduled"})
 * @param applicationStatus the job's application status afterwards ({@code "Unknown"})
 * @param lastUpdateTime    the job's {@code LastUpdateTime} afterwards ({@link #rescheduleTime()})
 * @param droppedCommands   the job's pending commands, dropped
 */
public record JobRescheduled(
        long jobId,
        int rescheduleCounter,
        Instant rescheduleTime,
        List<StatusRecord> records,
        JobStatus status,
        String minorStatus,
        String applicationStatus,
        Instant lastUpdateTime,
        List<QueuedCommand> droppedCommands) implements JobEvent {

    public JobRescheduled {
        Objects.requireNonNull(rescheduleTime, "rescheduleTime");
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        Objects.requireNonNull(status, "status");
        droppedCommands = droppedCommands == null ? List.of() : List.copyOf(droppedCommands);
    }
}

package org.jobstream.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One status request ({@code PATCH /api/jobs/status}) was applied to a job; also the status change
 * a reschedule past the maximum makes ({@code Failed} / {@code "Maximum of reschedulings
 * reached"}, forced, source {@code "Unknown"} as in DiracX).
 *
 * <p>It carries the status records the request logged, in time order, and the job's resulting
 * values: a read model appends {@link #records()} to the job's history and overwrites the job's
 * seven status columns with the values below (they are the job's values after the request, not
 * only those the request changed; the {@code Instant}s are {@code null} when the job has none).
 *
 * @param jobId             the job
 * @param records           the status records made, one per update, sorted by time; updates older
 *                          than the job's latest record are logged but changed nothing
 * @param forced            whether the request bypassed the state machine ({@code force=true})
 * @param status            the job's status afterwards
 * @param minorStatus       the job's minor status afterwards
 * @param applicationStatus the job's application status afterwards
 * @param startExecTime     when the job first ran ({@code StartExecTime}), or {@code null}
 * @param endExecTime       when the job first ended ({@code EndExecTime}), or {@code null}
 * @param heartBeatTime     the job's last sign of life ({@code HeartBeatTime}), or {@code null}
 * @param lastUpdateTime    when the job's status was last recomputed ({@code LastUpdateTime})
 * @param time              when the request was handled
 */
public record JobStatusUpdated(
        long jobId,
        List<StatusRecord> records,
        boolean forced,
        JobStatus status,
        String minorStatus,
        String applicationStatus,
        Instant startExecTime,
        Instant endExecTime,
        Instant heartBeatTime,
        Instant lastUpdateTime,
        Instant time) implements JobEvent {

    public JobStatusUpdated {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
    }
}

package org.jobstream.events;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * One status record of a job's history (DiracX's {@code LoggingInfo} row), exactly as DiracX logs
 * it: a field the update did not set is {@value #IDEM} ("the same as the previous record"), and a
 * record whose requested status the state machine refused carries the status the job kept and a
 * source ending in {@code "(SM)"}.
 *
 * @param status            the logged status; {@code null} when the update set none (DiracX logs
 *                          {@value #IDEM}, see {@link #statusLabel()})
 * @param minorStatus       the logged minor status, or {@value #IDEM}
 * @param applicationStatus the logged application status, or {@value #IDEM} (at most 255 characters)
 * @param time              the time of the update at its source (DiracX's {@code StatusTime});
 *                          records of one job are ordered by it
 * @param source            who sent the update, e.g. {@code "JobManager"}, {@code "Heartbeat"},
 *                          {@code "JobWrapper(SM)"} (at most 32 characters)
 */
public record StatusRecord(JobStatus status, String minorStatus, String applicationStatus, Instant time,
                           String source) {

    /** What DiracX logs for a field that an update did not set. */
    public static final String IDEM = "idem";

    public StatusRecord {
        Objects.requireNonNull(minorStatus, "minorStatus");
        Objects.requireNonNull(applicationStatus, "applicationStatus");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
    }

    /** The status as DiracX stores it in the record: its label, or {@value #IDEM} when none was set. */
    public String statusLabel() {
        return status == null ? IDEM : status.label();
    }

    /** The time of the latest of {@code records}, {@code null} when there are none. */
    public static Instant latestTime(Collection<StatusRecord> records) {
        return records.stream().map(StatusRecord::time).max(Instant::compareTo).orElse(null);
    }
}

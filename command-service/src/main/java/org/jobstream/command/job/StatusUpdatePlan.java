package org.jobstream.command.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.StatusUpdate;
import org.jobstream.api.Limits;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.JobStateMachine;
import org.jobstream.events.JobStatus;
import org.jobstream.events.StatusRecord;

/**
 * The decision of one status request for one job: DiracX's algorithm ({@code set_job_statuses},
 * DIRAC's {@code getStartAndEndTime} and {@code getNewStatus}), pure. See diracx-reference.md 4.4.1.
 *
 * <ol>
 *   <li>A {@code Stalled} job is treated as {@code Running}.</li>
 *   <li>Updates are taken in time order (stable for equal times).</li>
 *   <li>Start/end candidates come from the <em>requested</em> statuses: the first update at which
 *       the running status is {@code Running}, the first at which it is final. They are set only on
 *       a job that has none (so a refused move to {@code Running} still sets {@code StartExecTime},
 *       as in DiracX).</li>
 *   <li>Only if the newest update is at or after the job's latest status record are status, minor
 *       and application status recomputed, from the updates at or after that record; without force
 *       the state machine may refuse a target, and the record then logs the status the job keeps
 *       with {@code "(SM)"} appended to its source. Older updates are only logged.</li>
 *   <li>{@code HeartBeatTime} is the time of the latest update whose source starts with
 *       {@code "Job"} or is {@code "Heartbeat"}.</li>
 *   <li>A recomputed status of {@code Killed} or {@code Deleted} asks for a {@code Kill} command.</li>
 * </ol>
 * One difference from DIRAC: with force, a later update without a status keeps the status the
 * earlier updates of the request set (DIRAC falls back to the status before the request there).
 */
final class StatusUpdatePlan {

    /** The statuses that end a job's execution and set {@code EndExecTime}. */
    static final Set<JobStatus> FINAL = EnumSet.of(JobStatus.DONE, JobStatus.COMPLETED, JobStatus.FAILED,
            JobStatus.KILLED);
    /** DiracX's width of a status record's source: a longer one is cut, not refused. */
    static final int MAX_SOURCE = 32;
    static final int MAX_MINOR_STATUS = JobAttribute.MINOR_STATUS.maxLength();
    static final int MAX_APPLICATION_STATUS = JobAttribute.APPLICATION_STATUS.maxLength();
    private static final String REFUSED_BY_STATE_MACHINE = "(SM)";

    private final List<StatusRecord> records;
    private final JobStatusValues after;
    private final JobStatusChange change;

    private StatusUpdatePlan(List<StatusRecord> records, JobStatusValues after, JobStatusChange change) {
        this.records = records;
        this.after = after;
        this.change = change;
    }

    /**
     * Decides a status request.
     *
     * @param before         the job's values before the request
     * @param lastRecordTime the time of the job's latest status record
     * @param updates        the request's updates for this job, in any order
     * @param force          bypass the state machine
     * @param now            the request's server time
     * @throws InvalidJobUpdateException when there is no update or a value is too long
     */
    static StatusUpdatePlan decide(JobStatusValues before, Instant lastRecordTime, List<StatusUpdate> updates,
                                   boolean force, Instant now) {
        check(updates);
        List<StatusUpdate> sorted = updates.stream().sorted(Comparator.comparing(StatusUpdate::timestamp)).toList();

        Instant startCandidate = null;
        Instant endCandidate = null;
        JobStatus requested = null;
        for (StatusUpdate update : sorted) {
            requested = update.status() != null ? update.status() : requested;
            if (startCandidate == null && requested == JobStatus.RUNNING) {
                startCandidate = update.timestamp();
            } else if (endCandidate == null && FINAL.contains(requested)) {
                endCandidate = update.timestamp();
            }
        }

        boolean recompute = !sorted.get(sorted.size() - 1).timestamp().isBefore(lastRecordTime);
        JobStatus current = before.status() == JobStatus.STALLED ? JobStatus.RUNNING : before.status();
        String newMinor = null;
        String newApplication = null;
        Instant heartBeat = null;
        List<StatusRecord> records = new ArrayList<>(sorted.size());
        for (StatusUpdate update : sorted) {
            JobStatus logged = update.status();
            String source = update.source();
            if (recompute && !update.timestamp().isBefore(lastRecordTime)) {
                JobStatus status = update.status() != null ? update.status() : current;
                if (!force && status != current) {
                    JobStatus next = JobStateMachine.next(current, status);
                    if (next != status) {
                        logged = next;
                        source = source + REFUSED_BY_STATE_MACHINE;
                        status = next;
                    }
                }
                current = status;
                newMinor = update.minorStatus() != null ? update.minorStatus() : newMinor;
                newApplication = update.applicationStatus() != null ? update.applicationStatus() : newApplication;
            }
            if (source.startsWith("Job") || source.equals("Heartbeat")) {
                heartBeat = update.timestamp();
            }
            records.add(new StatusRecord(
                    logged,
                    orIdem(update.minorStatus()),
                    orIdem(update.applicationStatus()),
                    update.timestamp(),
                    truncate(source, MAX_SOURCE)));
        }

        JobStatus newStatus = recompute ? current : null;
        Instant newStart = before.startExecTime() == null ? startCandidate : null;
        Instant newEnd = before.endExecTime() == null ? endCandidate : null;
        Instant newLastUpdate = recompute ? now : null;
        JobStatusChange change = new JobStatusChange(newStatus, newMinor, newApplication, heartBeat, newStart, newEnd,
                newLastUpdate);
        JobStatusValues after = new JobStatusValues(
                newStatus != null ? newStatus : before.status(),
                newMinor != null ? newMinor : before.minorStatus(),
                newApplication != null ? newApplication : before.applicationStatus(),
                newStart != null ? newStart : before.startExecTime(),
                newEnd != null ? newEnd : before.endExecTime(),
                heartBeat != null ? heartBeat : before.heartBeatTime(),
                newLastUpdate != null ? newLastUpdate : before.lastUpdateTime());
        return new StatusUpdatePlan(List.copyOf(records), after, change);
    }

    private static void check(List<StatusUpdate> updates) {
        if (updates.isEmpty()) {
            throw new InvalidJobUpdateException("No status update given");
        }
        if (updates.size() > Limits.MAX_UPDATES_PER_JOB) {
            throw new InvalidJobUpdateException("More than " + Limits.MAX_UPDATES_PER_JOB + " status updates for one job");
        }
        for (StatusUpdate update : updates) {
            if (!JobAttribute.inRange(update.timestamp())) {
                throw new InvalidJobUpdateException("Timestamp " + update.timestamp() + " is out of range ("
                        + JobAttribute.EARLIEST + " to " + JobAttribute.LATEST + ")");
            }
            if (update.minorStatus() != null && update.minorStatus().length() > MAX_MINOR_STATUS) {
                throw new InvalidJobUpdateException("MinorStatus is longer than " + MAX_MINOR_STATUS + " characters");
            }
            if (update.applicationStatus() != null && update.applicationStatus().length() > MAX_APPLICATION_STATUS) {
                throw new InvalidJobUpdateException(
                        "ApplicationStatus is longer than " + MAX_APPLICATION_STATUS + " characters");
            }
        }
    }

    private static String orIdem(String value) {
        return value != null ? value : StatusRecord.IDEM;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** The status records to log, one per update, in time order. */
    List<StatusRecord> records() {
        return records;
    }

    /** The job's values after the request. */
    JobStatusValues after() {
        return after;
    }

    /** What the request changed: DiracX's {@code success} entry. */
    JobStatusChange change() {
        return change;
    }

    /** Whether the job must receive a {@code Kill} command: its recomputed status is Killed or Deleted. */
    boolean killsJob() {
        return change.status() == JobStatus.KILLED || change.status() == JobStatus.DELETED;
    }
}

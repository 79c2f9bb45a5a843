package org.jobstream.events;

import static org.jobstream.events.JobStatus.CHECKING;
import static org.jobstream.events.JobStatus.COMPLETED;
import static org.jobstream.events.JobStatus.COMPLETING;
import static org.jobstream.events.JobStatus.DELETED;
import static org.jobstream.events.JobStatus.DONE;
import static org.jobstream.events.JobStatus.FAILED;
import static org.jobstream.events.JobStatus.KILLED;
import static org.jobstream.events.JobStatus.MATCHED;
import static org.jobstream.events.JobStatus.RECEIVED;
import static org.jobstream.events.JobStatus.RESCHEDULED;
import static org.jobstream.events.JobStatus.RUNNING;
import static org.jobstream.events.JobStatus.SCOUTING;
import static org.jobstream.events.JobStatus.STAGING;
import static org.jobstream.events.JobStatus.STALLED;
import static org.jobstream.events.JobStatus.SUBMITTING;
import static org.jobstream.events.JobStatus.WAITING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * DIRAC's job state machine ({@code JobsStateMachine}), which decides a status update that is not
 * forced: the transitions below are the whole rule, as data. A target equal to the current status
 * is always allowed; a target the table does not allow leaves the job where it is (DIRAC's default
 * state is always the current one).
 *
 * <p>One deliberate difference from DIRAC: {@code Deleted} is final. DIRAC gives it no list of
 * targets, which its state machine reads as "anything goes"; here it allows nothing but itself, so
 * only a forced update moves a deleted job.
 */
public final class JobStateMachine {

    private static final Map<JobStatus, Set<JobStatus>> TRANSITIONS = new EnumMap<>(JobStatus.class);

    static {
        // from         allowed targets (the table of docs: jobs-api.md, "Status, heartbeat, ...")
        allow(SUBMITTING, RECEIVED, CHECKING, DELETED, KILLED);
        allow(RECEIVED, SCOUTING, CHECKING, STAGING, WAITING, FAILED, DELETED, KILLED);
        allow(CHECKING, SCOUTING, STAGING, WAITING, RESCHEDULED, FAILED, DELETED, KILLED);
        allow(SCOUTING, CHECKING, FAILED, STALLED, KILLED);
        allow(STAGING, CHECKING, WAITING, FAILED, KILLED);
        allow(WAITING, MATCHED, RESCHEDULED, DELETED, KILLED);
        allow(MATCHED, RUNNING, FAILED, RESCHEDULED, KILLED);
        allow(RESCHEDULED, WAITING, RECEIVED, DELETED, FAILED, KILLED);
        allow(RUNNING, STALLED, DONE, FAILED, RESCHEDULED, COMPLETING, KILLED, RECEIVED);
        allow(STALLED, RUNNING, FAILED, KILLED);
        allow(COMPLETING, DONE, FAILED, COMPLETED, STALLED, KILLED);
        allow(COMPLETED, DONE, FAILED);
        allow(DONE, DELETED);
        allow(FAILED, RESCHEDULED, DELETED);
        allow(KILLED, DELETED);
        allow(DELETED /* final */);
    }

    private JobStateMachine() {
    }

    private static void allow(JobStatus from, JobStatus... targets) {
        Set<JobStatus> set = EnumSet.noneOf(JobStatus.class);
        Collections.addAll(set, targets);
        TRANSITIONS.put(from, Collections.unmodifiableSet(set));
    }

    /**
     * Whether a job in status {@code from} may move to {@code to} without force.
     *
     * @return true when {@code to} equals {@code from} or the table lists it for {@code from}
     */
    public static boolean allows(JobStatus from, JobStatus to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return from == to || TRANSITIONS.get(from).contains(to);
    }

    /**
     * The status a job in {@code current} ends up in when asked to move to {@code target}
     * without force.
     *
     * @return {@code target} when {@link #allows allowed}, else {@code current}
     */
    public static JobStatus next(JobStatus current, JobStatus target) {
        return allows(current, target) ? target : current;
    }

    /** The statuses the table lists for {@code from} (without {@code from} itself), unmodifiable. */
    public static Set<JobStatus> targetsOf(JobStatus from) {
        return TRANSITIONS.get(Objects.requireNonNull(from, "from"));
    }
}

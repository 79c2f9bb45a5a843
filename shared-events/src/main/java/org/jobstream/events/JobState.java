package org.jobstream.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jobstream.access.SandboxPfn;

/**
 * A job as its events made it: the one definition of how each event changes a job. The Job
 * aggregate keeps one to decide commands, the read-model projector applies a batch of events to the
 * ones it stores, and a job's history replays its events into one. It only changes state, never
 * validates (the events were decided already) and never does I/O.
 *
 * <p>It holds every {@link JobAttribute} (values of {@link JobAttribute.Type#javaType()}), the JDL,
 * and what the aggregate needs beyond the attributes: the time of the latest status record, the job
 * commands waiting for the job's pilot and the sandboxes mapped to the job. A state restored from a
 * read model holds the attributes only, which is all a read model needs: no event changes an
 * attribute from that other state.
 */
public final class JobState {

    private final EnumMap<JobAttribute, Object> attributes = new EnumMap<>(JobAttribute.class);
    private String jdl;
    private Instant lastRecordTime;
    private final List<QueuedCommand> pendingCommands = new ArrayList<>();
    private final Set<String> inputSandboxes = new LinkedHashSet<>();
    private final Set<String> outputSandboxes = new LinkedHashSet<>();

    /** A job before its first event. */
    public JobState() {
    }

    /** A job as a read model stored it: its attributes, each of its type's Java type. */
    public static JobState restored(Map<JobAttribute, ?> attributes) {
        JobState state = new JobState();
        attributes.forEach((attribute, value) -> state.attributes.put(attribute, attribute.fromEvent(value)));
        return state;
    }

    /** The state after {@code events}, oldest first. */
    public static JobState replayed(List<? extends JobEvent> events) {
        JobState state = new JobState();
        events.forEach(state::apply);
        return state;
    }

    /** Changes this job as {@code event} says; returns this. */
    public JobState apply(JobEvent event) {
        if (event instanceof JobSubmitted e) {
            submitted(e);
        } else if (event instanceof JobStatusUpdated e) {
            status(e.status(), e.minorStatus(), e.applicationStatus(), e.startExecTime(), e.endExecTime(),
                    e.heartBeatTime(), e.lastUpdateTime());
            recorded(e.records());
        } else if (event instanceof HeartbeatReceived e) {
            set(JobAttribute.HEART_BEAT_TIME, e.time());
            HeartbeatStatusChange change = e.statusChange();
            if (change != null) {
                status(change.status(), change.minorStatus(), change.applicationStatus(), change.startExecTime(),
                        change.endExecTime(), e.time(), change.lastUpdateTime());
                recorded(List.of(change.record()));
            }
        } else if (event instanceof JobRescheduled e) {
            set(JobAttribute.RESCHEDULE_COUNTER, (long) e.rescheduleCounter());
            set(JobAttribute.RESCHEDULE_TIME, e.rescheduleTime());
            set(JobAttribute.STATUS, e.status().label());
            set(JobAttribute.MINOR_STATUS, e.minorStatus());
            set(JobAttribute.APPLICATION_STATUS, e.applicationStatus());
            set(JobAttribute.LAST_UPDATE_TIME, e.lastUpdateTime());
            recorded(e.records());
            pendingCommands.removeAll(e.droppedCommands());
        } else if (event instanceof JobMetadataPatched e) {
            e.attributes().forEach((name, value) -> JobAttribute.fromWireName(name)
                    .filter(JobAttribute::patchable)
                    .ifPresent(attribute -> set(attribute, attribute.fromEvent(value))));
        } else if (event instanceof JobCommandQueued e) {
            pendingCommands.add(e.queued());
        } else if (event instanceof JobCommandsDelivered e) {
            pendingCommands.removeAll(e.commands());
        } else if (event instanceof OutputSandboxAssigned e) {
            outputSandboxes.add(e.pfn());
        } else if (event instanceof SandboxesUnassigned) {
            inputSandboxes.clear();
            outputSandboxes.clear();
        } else {
            throw new IllegalArgumentException("No rule for " + event.getClass().getSimpleName());
        }
        return this;
    }

    private void submitted(JobSubmitted e) {
        set(JobAttribute.JOB_ID, e.jobId());
        set(JobAttribute.JOB_TYPE, e.jobType());
        set(JobAttribute.JOB_GROUP, e.jobGroup());
        set(JobAttribute.SITE, e.site());
        set(JobAttribute.JOB_NAME, e.jobName());
        set(JobAttribute.OWNER, e.owner());
        set(JobAttribute.OWNER_GROUP, e.ownerGroup());
        set(JobAttribute.VO, e.vo());
        set(JobAttribute.SUBMISSION_TIME, e.submissionTime());
        set(JobAttribute.RESCHEDULE_TIME, null);
        set(JobAttribute.LAST_UPDATE_TIME, e.submissionTime());
        set(JobAttribute.START_EXEC_TIME, null);
        set(JobAttribute.HEART_BEAT_TIME, null);
        set(JobAttribute.END_EXEC_TIME, null);
        set(JobAttribute.STATUS, e.status().label());
        set(JobAttribute.MINOR_STATUS, e.minorStatus());
        set(JobAttribute.APPLICATION_STATUS, e.applicationStatus());
        set(JobAttribute.USER_PRIORITY, (long) e.userPriority());
        set(JobAttribute.RESCHEDULE_COUNTER, 0L);
        set(JobAttribute.VERIFIED_FLAG, true);
        set(JobAttribute.ACCOUNTED_FLAG, "False");
        jdl = e.jdl();
        lastRecordTime = e.submissionTime();
        e.inputSandboxes().forEach(pfn -> inputSandboxes.add(SandboxPfn.shortFormOf(pfn)));
    }

    private void status(JobStatus status, String minorStatus, String applicationStatus, Instant startExecTime,
                        Instant endExecTime, Instant heartBeatTime, Instant lastUpdateTime) {
        set(JobAttribute.STATUS, status.label());
        set(JobAttribute.MINOR_STATUS, minorStatus);
        set(JobAttribute.APPLICATION_STATUS, applicationStatus);
        set(JobAttribute.START_EXEC_TIME, startExecTime);
        set(JobAttribute.END_EXEC_TIME, endExecTime);
        set(JobAttribute.HEART_BEAT_TIME, heartBeatTime);
        set(JobAttribute.LAST_UPDATE_TIME, lastUpdateTime);
    }

    private void recorded(List<StatusRecord> records) {
        Instant latest = StatusRecord.latestTime(records);
        if (latest != null && (lastRecordTime == null || latest.isAfter(lastRecordTime))) {
            lastRecordTime = latest;
        }
    }

    private void set(JobAttribute attribute, Object value) {
        attributes.put(attribute, value);
    }

    /**
     * Roughly how many bytes this state holds in memory: a fixed overhead, and two bytes a
     * character of its text (the JDL above all), for bounding caches of states by memory.
     */
    public long approximateBytes() {
        long bytes = 2_048;
        for (Object value : attributes.values()) {
            bytes += value instanceof String text ? 40 + 2L * text.length() : 24;
        }
        bytes += jdl == null ? 0 : 40 + 2L * jdl.length();
        for (String pfn : inputSandboxes) {
            bytes += 80 + 2L * pfn.length();
        }
        for (String pfn : outputSandboxes) {
            bytes += 80 + 2L * pfn.length();
        }
        return bytes + 120L * pendingCommands.size();
    }

    /** Whether the job has had its first event. */
    public boolean exists() {
        return attributes.containsKey(JobAttribute.JOB_ID);
    }

    /** The attribute's value, of its type's Java type, or {@code null}. */
    public Object get(JobAttribute attribute) {
        return attributes.get(attribute);
    }

    /** Every attribute as the API answers it, by wire name, in the order of {@link JobAttribute}. */
    public Map<String, Object> toApi() {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (JobAttribute attribute : JobAttribute.values()) {
            answer.put(attribute.wireName(), attribute.toApi(attributes.get(attribute)));
        }
        return answer;
    }

    public long jobId() {
        return (Long) Objects.requireNonNull(attributes.get(JobAttribute.JOB_ID), "the job has no events");
    }

    public String owner() {
        return text(JobAttribute.OWNER);
    }

    public String ownerGroup() {
        return text(JobAttribute.OWNER_GROUP);
    }

    public String vo() {
        return text(JobAttribute.VO);
    }

    public String site() {
        return text(JobAttribute.SITE);
    }

    public int userPriority() {
        return ((Long) attributes.get(JobAttribute.USER_PRIORITY)).intValue();
    }

    public JobStatus status() {
        return JobStatus.fromLabel(text(JobAttribute.STATUS)).orElseThrow();
    }

    public String minorStatus() {
        return text(JobAttribute.MINOR_STATUS);
    }

    public String applicationStatus() {
        return text(JobAttribute.APPLICATION_STATUS);
    }

    public Instant startExecTime() {
        return time(JobAttribute.START_EXEC_TIME);
    }

    public Instant endExecTime() {
        return time(JobAttribute.END_EXEC_TIME);
    }

    public Instant heartBeatTime() {
        return time(JobAttribute.HEART_BEAT_TIME);
    }

    public Instant lastUpdateTime() {
        return time(JobAttribute.LAST_UPDATE_TIME);
    }

    public int rescheduleCounter() {
        return ((Long) attributes.get(JobAttribute.RESCHEDULE_COUNTER)).intValue();
    }

    public boolean verifiedFlag() {
        return Boolean.TRUE.equals(attributes.get(JobAttribute.VERIFIED_FLAG));
    }

    /** The job's JDL as stored at submission ({@code null} in a state restored from a read model). */
    public String jdl() {
        return jdl;
    }

    /** The time of the latest status record: only updates at or after it change the status. */
    public Instant lastRecordTime() {
        return lastRecordTime;
    }

    /** Job commands waiting for the job's pilot, oldest first. */
    public List<QueuedCommand> pendingCommands() {
        return Collections.unmodifiableList(pendingCommands);
    }

    /** The input sandboxes mapped to the job, short PFNs. */
    public Set<String> inputSandboxes() {
        return Collections.unmodifiableSet(inputSandboxes);
    }

    /** The output sandboxes mapped to the job, short PFNs. */
    public Set<String> outputSandboxes() {
        return Collections.unmodifiableSet(outputSandboxes);
    }

    private String text(JobAttribute attribute) {
        return (String) attributes.get(attribute);
    }

    private Instant time(JobAttribute attribute) {
        return (Instant) attributes.get(attribute);
    }
}

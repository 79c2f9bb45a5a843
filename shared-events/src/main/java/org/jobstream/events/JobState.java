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

    /**
     * Everything a job's state holds, as values that serialise to JSON and back unchanged: the Job
     * aggregate's snapshots hold this, so that loading a job costs the events after its snapshot
     * rather than all of them. {@link #fromSnapshot} refuses a snapshot that does not describe a
     * state of this class (an attribute it does not know, a value of another type), so that a
     * snapshot written by another version is dropped and the job replayed from its events instead.
     *
     * @param attributes      every attribute the state holds, by wire name (an attribute set to
     *                        nothing is present with {@code null}); times as ISO-8601 text
     * @param jdl             the job's JDL as stored at submission
     * @param lastRecordTime  the time of the latest status record, or {@code null}
     * @param pendingCommands the job commands waiting for the job's pilot, oldest first
     * @param inputSandboxes  the input sandboxes mapped to the job, short PFNs, in mapping order
     * @param outputSandboxes the output sandboxes mapped to the job, short PFNs, in mapping order
     */
    public record Snapshot(Map<String, Object> attributes, String jdl, Instant lastRecordTime,
                           List<QueuedCommand> pendingCommands, List<String> inputSandboxes,
                           List<String> outputSandboxes) {

        public Snapshot {
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(pendingCommands, "pendingCommands");
            Objects.requireNonNull(inputSandboxes, "inputSandboxes");
            Objects.requireNonNull(outputSandboxes, "outputSandboxes");
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            pendingCommands = List.copyOf(pendingCommands);
            inputSandboxes = List.copyOf(inputSandboxes);
            outputSandboxes = List.copyOf(outputSandboxes);
        }
    }

    /** This state as a {@link Snapshot}: a copy, which later events do not change. */
    public Snapshot snapshot() {
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.forEach((attribute, value) -> values.put(attribute.wireName(),
                value instanceof Instant time ? time.toString() : value));
        return new Snapshot(values, jdl, lastRecordTime, pendingCommands, List.copyOf(inputSandboxes),
                List.copyOf(outputSandboxes));
    }

    /**
     * The state a {@link Snapshot} describes.
     *
     * @throws IllegalArgumentException when the snapshot names an attribute this version does not
     *                                  know, or holds a value that is not of its attribute's type
     */
    public static JobState fromSnapshot(Snapshot snapshot) {
        JobState state = new JobState();
        snapshot.attributes().forEach((name, value) -> {
            JobAttribute attribute = JobAttribute.fromWireName(name)
                    .orElseThrow(() -> new IllegalArgumentException("Unknown attribute " + name + " in a job snapshot"));
            state.attributes.put(attribute, snapshotValue(attribute, value));
        });
        state.jdl = snapshot.jdl();
        state.lastRecordTime = snapshot.lastRecordTime();
        state.pendingCommands.addAll(snapshot.pendingCommands());
        state.inputSandboxes.addAll(snapshot.inputSandboxes());
        state.outputSandboxes.addAll(snapshot.outputSandboxes());
        return state;
    }

    /** A snapshot's value of an attribute as held: of its type's Java type, from its JSON form only. */
    private static Object snapshotValue(JobAttribute attribute, Object value) {
        if (value == null) {
            return null;
        }
        boolean fits = switch (attribute.type()) {
            case STRING, DATETIME -> value instanceof String;
            case INTEGER -> value instanceof Long || value instanceof Integer;
            case BOOLEAN -> value instanceof Boolean;
        };
        if (!fits) {
            throw new IllegalArgumentException("A job snapshot holds " + value.getClass().getSimpleName() + " for "
                    + attribute.wireName() + ", of type " + attribute.type());
        }
        return attribute.fromEvent(value);
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

package org.jobstream.command.job;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.jobstream.api.JobCommand;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.AssignOutputSandbox;
import org.jobstream.commands.UnassignSandboxes;
import org.jobstream.commands.PatchJobMetadata;
import org.jobstream.commands.RecordHeartbeat;
import org.jobstream.commands.RescheduleJob;
import org.jobstream.commands.StatusUpdate;
import org.jobstream.commands.SubmitJob;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.access.SandboxPfn;
import org.jobstream.events.OutputSandboxAssigned;
import org.jobstream.events.SandboxesUnassigned;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.HeartbeatStatusChange;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.JobCommandQueued;
import org.jobstream.events.JobCommandsDelivered;
import org.jobstream.events.JobMetadataPatched;
import org.jobstream.events.JobRescheduled;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobState;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.QueuedCommand;
import org.jobstream.events.StatusRecord;

/**
 * A job, event sourced. Command handlers decide and apply events; event-sourcing handlers only
 * change state. The rules of a status request live in {@link StatusUpdatePlan}, those of a metadata
 * patch in {@link JobMetadataRules}.
 *
 * <p>Snapshots: every {@code jobstream.commands.snapshot-threshold} events the job is stored as a
 * snapshot, its identifier and its state as a {@link JobState.Snapshot} (revision
 * {@value #SNAPSHOT_REVISION}), and a job is loaded from its latest snapshot and the events after it.
 * Raise the revision whenever the snapshot's shape or meaning changes: snapshots of another
 * revision, or that cannot be read back, are ignored and the job is replayed from its events
 * ({@code JobSnapshots}).
 */
@Aggregate(cache = "jobCache", snapshotTriggerDefinition = "jobSnapshotTrigger", snapshotFilter = "jobSnapshotFilter")
@Revision(Job.SNAPSHOT_REVISION)
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
public class Job {

    /** The revision of the job's snapshots: what {@link #snapshotState()} writes. */
    public static final String SNAPSHOT_REVISION = "1";

    static final String SUBMISSION_SOURCE = "JobManager";
    static final String INITIAL_APPLICATION_STATUS = "Unknown";
    static final String HEARTBEAT_SOURCE = "Heartbeat";
    static final String RESCHEDULED_MINOR_STATUS = "Job Rescheduled";
    static final String MAX_RESCHEDULING_MINOR_STATUS = "Maximum of reschedulings reached";
    /** DiracX's reschedule logs its status changes without a source, i.e. with the default one. */
    static final String RESCHEDULE_SOURCE = StatusUpdate.DEFAULT_SOURCE;

    @AggregateIdentifier // boxed: a primitive 0 would be taken for a known identifier
    @JsonProperty("jobId")
    private Long jobId;
    /** Everything the job's events made of it: decisions read it, event-sourcing handlers only apply to it. */
    private final JobState state;

    protected Job() {
        // for Axon: rebuilt from events
        this.state = new JobState();
    }

    /**
     * A job read back from its snapshot.
     *
     * @throws IllegalArgumentException when the snapshot does not describe a job of this identifier
     */
    @JsonCreator
    private Job(@JsonProperty(value = "jobId", required = true) Long jobId,
                @JsonProperty(value = "state", required = true) JobState.Snapshot state) {
        this.jobId = jobId;
        this.state = JobState.fromSnapshot(state);
        if (jobId == null || !this.state.exists() || this.state.jobId() != jobId) {
            throw new IllegalArgumentException("The snapshot of job " + jobId + " holds another job");
        }
    }

    /** The job's state as its snapshot holds it. */
    @JsonProperty("state")
    private JobState.Snapshot snapshotState() {
        return state.snapshot();
    }

    @CommandHandler
    public Job(SubmitJob command) {
        this();
        apply(new JobSubmitted(
                command.jobId(),
                command.owner(),
                command.ownerGroup(),
                command.vo(),
                command.jobName(),
                command.jobType(),
                command.jobGroup(),
                command.site(),
                command.userPriority(),
                command.status(),
                command.minorStatus(),
                INITIAL_APPLICATION_STATUS,
                SUBMISSION_SOURCE,
                command.submissionTime(),
                command.jdl(),
                command.inputSandboxes(),
                command.inputData()));
    }

    /** Applies a status request; answers what it changed (DiracX's {@code success} entry). */
    @CommandHandler
    public JobStatusChange handle(UpdateJobStatus command) {
        StatusUpdatePlan plan = StatusUpdatePlan.decide(
                statusValues(), state.lastRecordTime(), command.updates(), command.force(), command.now());
        applyStatusUpdate(plan, command.force(), command.now());
        return plan.change();
    }

    /** Records a heartbeat; answers the job commands handed over, each only once. */
    @CommandHandler
    public List<JobCommand> handle(RecordHeartbeat command) {
        Map<String, String> parameters = HeartbeatFields.parameters(command.values());
        Instant now = command.now();
        // Otherwise a heartbeat changes HeartBeatTime alone, which its time says: the event carries no status values.
        HeartbeatStatusChange change = null;
        if (state.status() == JobStatus.MATCHED || state.status() == JobStatus.STALLED) {
            StatusUpdatePlan plan = StatusUpdatePlan.decide(statusValues(), state.lastRecordTime(),
                    List.of(new StatusUpdate(now, JobStatus.RUNNING, null, null, HEARTBEAT_SOURCE)), false, now);
            JobStatusValues after = plan.after();
            change = new HeartbeatStatusChange(plan.records().get(0), after.status(), after.minorStatus(),
                    after.applicationStatus(), after.startExecTime(), after.endExecTime(), after.lastUpdateTime());
        }
        apply(new HeartbeatReceived(jobId, now, parameters, change));

        List<QueuedCommand> delivered = List.copyOf(state.pendingCommands());
        if (!delivered.isEmpty()) {
            apply(new JobCommandsDelivered(jobId, delivered, now));
        }
        return delivered.stream().map(c -> new JobCommand(jobId, c.command(), c.arguments())).toList();
    }

    /**
     * Reschedules the job: back to {@code Received} from any status but {@code Deleted}, or, when
     * the counter passes the maximum, {@code Failed} (forced, whatever other jobs do).
     */
    @CommandHandler
    public RescheduleOutcome handle(RescheduleJob command) {
        if (!state.verifiedFlag()) {
            return new RescheduleOutcome.Refused(jobId,
                    "VerifiedFlag is False: Status " + state.status() + ", Minor Status: " + state.minorStatus(), null);
        }
        if (state.status() == JobStatus.DELETED) {
            return new RescheduleOutcome.Refused(jobId, "Deleted jobs cannot be rescheduled", null);
        }
        Instant now = command.now();
        int counter = command.resetCounter() ? 0 : state.rescheduleCounter() + 1;
        if (counter > command.maxReschedules()) {
            StatusUpdatePlan plan = StatusUpdatePlan.decide(statusValues(), state.lastRecordTime(),
                    List.of(new StatusUpdate(now, JobStatus.FAILED, MAX_RESCHEDULING_MINOR_STATUS,
                            INITIAL_APPLICATION_STATUS, RESCHEDULE_SOURCE)),
                    true, now);
            applyStatusUpdate(plan, true, now);
            return new RescheduleOutcome.Refused(jobId,
                    "Maximum number of reschedules exceeded (" + command.maxReschedules() + ")", plan.change());
        }
        List<StatusRecord> records = List.of(
                new StatusRecord(JobStatus.RESCHEDULED, StatusRecord.IDEM, StatusRecord.IDEM, now, RESCHEDULE_SOURCE),
                new StatusRecord(JobStatus.RECEIVED, RESCHEDULED_MINOR_STATUS, INITIAL_APPLICATION_STATUS, now,
                        RESCHEDULE_SOURCE));
        apply(new JobRescheduled(jobId, counter, now, records, JobStatus.RECEIVED, RESCHEDULED_MINOR_STATUS,
                INITIAL_APPLICATION_STATUS, now, List.copyOf(state.pendingCommands())));
        return new RescheduleOutcome.Rescheduled(jobId, state.jdl(), state.site(), state.userPriority(), now, counter,
                new JobStatusChange(JobStatus.RECEIVED, RESCHEDULED_MINOR_STATUS, INITIAL_APPLICATION_STATUS,
                        null, null, null, now));
    }

    /**
     * Sets attributes and parameters directly, checked against their types. As in DiracX, a
     * {@code Status} set this way bypasses the state machine, logs nothing and sets
     * {@code LastUpdateTime}; {@code JobType} is both an attribute and a parameter.
     */
    @CommandHandler
    public void handle(PatchJobMetadata command) {
        Map<String, Object> attributes = JobMetadataRules.attributes(command.attributes());
        Map<String, String> parameters = JobMetadataRules.parameters(command.parameters());
        String jobType = JobAttribute.JOB_TYPE.wireName();
        if (attributes.containsKey(jobType)) {
            parameters.put(jobType, (String) attributes.get(jobType));
        } else if (parameters.containsKey(jobType)) {
            attributes.put(jobType, JobMetadataRules.attribute(JobAttribute.JOB_TYPE, parameters.get(jobType)));
        }
        if (attributes.containsKey(JobAttribute.STATUS.wireName())) {
            attributes.put(JobAttribute.LAST_UPDATE_TIME.wireName(), command.now().toString());
        }
        if (attributes.isEmpty() && parameters.isEmpty()) {
            return;
        }
        apply(new JobMetadataPatched(jobId, attributes, parameters, command.now()));
    }

    /** Maps an uploaded sandbox as the job's output; the same sandbox twice is refused. */
    @CommandHandler
    public void handle(AssignOutputSandbox command) {
        String pfn = SandboxPfn.shortFormOf(command.pfn());
        if (state.outputSandboxes().contains(pfn)) {
            throw new InvalidJobUpdateException("Sandbox already assigned");
        }
        apply(new OutputSandboxAssigned(jobId, pfn, command.now()));
    }

    /** Removes every sandbox mapping of the job; idempotent. */
    @CommandHandler
    public void handle(UnassignSandboxes command) {
        Set<String> mapped = new LinkedHashSet<>(state.inputSandboxes());
        mapped.addAll(state.outputSandboxes());
        if (!mapped.isEmpty()) {
            apply(new SandboxesUnassigned(jobId, List.copyOf(mapped), command.now()));
        }
    }

    private void applyStatusUpdate(StatusUpdatePlan plan, boolean force, Instant now) {
        JobStatusValues after = plan.after();
        apply(new JobStatusUpdated(jobId, plan.records(), force, after.status(), after.minorStatus(),
                after.applicationStatus(), after.startExecTime(), after.endExecTime(), after.heartBeatTime(),
                after.lastUpdateTime(), now));
        // one Kill waiting is enough: the pilot gets it with its next heartbeat
        if (plan.killsJob() && state.pendingCommands().stream().noneMatch(c -> c.command().equals(QueuedCommand.KILL))) {
            apply(new JobCommandQueued(jobId, QueuedCommand.KILL, "", now));
        }
    }

    private JobStatusValues statusValues() {
        return new JobStatusValues(state.status(), state.minorStatus(), state.applicationStatus(),
                state.startExecTime(), state.endExecTime(), state.heartBeatTime(), state.lastUpdateTime());
    }

    /** The job's state, for tests of the aggregate: decisions read it, nothing outside may change it. */
    JobState state() {
        return state;
    }

    /** Roughly how many bytes this job holds in memory, for the bounded job cache. */
    public long approximateBytes() {
        return state.approximateBytes();
    }

    /** Every event of the job, whatever its type: {@link JobState} says what it changes. */
    @EventSourcingHandler
    void on(JobEvent event) {
        if (event instanceof JobSubmitted submitted) {
            this.jobId = submitted.jobId();
        }
        state.apply(event);
    }
}

package org.jobstream.events;

import java.util.Arrays;
import java.util.Optional;
import org.axonframework.serialization.Revision;

/**
 * The registry of job event types: the Java record of each event and its CloudEvents {@code type}
 * attribute. The {@code type} names are a published contract (see {@code docs/events.md}): they
 * never change meaning; an incompatible change gets a new name, the type's next version, and the
 * version it replaces becomes an {@link OlderEventVersion}, which Jobstream still reads.
 */
public enum JobEventType {
    SUBMITTED(JobSubmitted.class, "org.jobstream.job.submitted.v1"),
    STATUS_UPDATED(JobStatusUpdated.class, "org.jobstream.job.status-updated.v1"),
    HEARTBEAT_RECEIVED(HeartbeatReceived.class, "org.jobstream.job.heartbeat-received.v2"),
    COMMAND_QUEUED(JobCommandQueued.class, "org.jobstream.job.command-queued.v1"),
    COMMANDS_DELIVERED(JobCommandsDelivered.class, "org.jobstream.job.commands-delivered.v1"),
    RESCHEDULED(JobRescheduled.class, "org.jobstream.job.rescheduled.v1"),
    METADATA_PATCHED(JobMetadataPatched.class, "org.jobstream.job.metadata-patched.v1"),
    OUTPUT_SANDBOX_ASSIGNED(OutputSandboxAssigned.class, "org.jobstream.job.output-sandbox-assigned.v1"),
    SANDBOXES_UNASSIGNED(SandboxesUnassigned.class, "org.jobstream.job.sandboxes-unassigned.v1");

    private final Class<? extends JobEvent> eventClass;
    private final String cloudEventType;
    private final String storedRevision;

    JobEventType(Class<? extends JobEvent> eventClass, String cloudEventType) {
        this.eventClass = eventClass;
        this.cloudEventType = cloudEventType;
        Revision revision = eventClass.getAnnotation(Revision.class);
        this.storedRevision = revision == null ? null : revision.value();
    }

    public Class<? extends JobEvent> eventClass() {
        return eventClass;
    }

    /** The CloudEvents {@code type} attribute of this event. */
    public String cloudEventType() {
        return cloudEventType;
    }

    /**
     * The name of the schema of this event's data: the record's name, followed by the version for
     * versions after the first ({@code HeartbeatReceived.v2}).
     */
    public String schemaName() {
        return schemaName(eventClass, cloudEventType);
    }

    /** The schema file of this event's data, under {@code /schemas/} in this module's jar. */
    public String schemaResource() {
        return "/schemas/" + schemaName() + ".json";
    }

    /** The Axon payload revision the event store keeps this version with ({@code null} for none). */
    public String storedRevision() {
        return storedRevision;
    }

    static String schemaName(Class<?> eventClass, String cloudEventType) {
        String version = cloudEventType.substring(cloudEventType.lastIndexOf('.') + 1);
        String name = eventClass.getSimpleName().replaceFirst("V[0-9]+$", "");
        return version.equals("v1") ? name : name + "." + version;
    }

    public static JobEventType of(JobEvent event) {
        return Arrays.stream(values())
                .filter(t -> t.eventClass == event.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unregistered job event " + event.getClass()));
    }

    public static Optional<JobEventType> fromCloudEventType(String type) {
        return Arrays.stream(values()).filter(t -> t.cloudEventType.equals(type)).findFirst();
    }
}

package org.jobstream.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Earlier versions of job event types: Jobstream writes only the current version of each type
 * ({@link JobEventType}), but the event store keeps every event for ever and the topic those it still
 * holds, so each earlier version stays readable, as the current event it amounts to. Every reader goes
 * through {@link #upcast}: the Job aggregate and the publisher (Axon's upcaster chain), the
 * projections (a CloudEvent of an earlier type), a rebuild, a check and a job's history (a stored row).
 *
 * <p>A stored event of an earlier version is recognised by its Axon payload type (the current
 * record's class name: the class keeps its name) and revision; a CloudEvent by its {@code type}.
 */
public enum OlderEventVersion {
    /** Heartbeats before their {@code .v2} (which carries only what a heartbeat changed). */
    HEARTBEAT_RECEIVED_V1(JobEventType.HEARTBEAT_RECEIVED, HeartbeatReceivedV1.class,
            "org.jobstream.job.heartbeat-received.v1", null, old -> ((HeartbeatReceivedV1) old).upcast());

    private final JobEventType current;
    private final Class<? extends Record> eventClass;
    private final String cloudEventType;
    private final String storedRevision;
    private final Function<Object, JobEvent> upcast;

    OlderEventVersion(JobEventType current, Class<? extends Record> eventClass, String cloudEventType,
                      String storedRevision, Function<Object, JobEvent> upcast) {
        this.current = current;
        this.eventClass = eventClass;
        this.cloudEventType = cloudEventType;
        this.storedRevision = storedRevision;
        this.upcast = upcast;
    }

    /** The type whose current version this one is read as. */
    public JobEventType current() {
        return current;
    }

    /** The record of this version's data. */
    public Class<? extends Record> eventClass() {
        return eventClass;
    }

    /** The CloudEvents {@code type} events of this version were published with. */
    public String cloudEventType() {
        return cloudEventType;
    }

    /** The Axon payload type of stored events of this version: the current record's class name. */
    public String storedPayloadType() {
        return current.eventClass().getName();
    }

    /** The Axon payload revision of stored events of this version ({@code null} for none). */
    public String storedRevision() {
        return storedRevision;
    }

    /** The name of this version's schema ({@code HeartbeatReceived} for the first version). */
    public String schemaName() {
        return JobEventType.schemaName(eventClass, cloudEventType);
    }

    /** The schema file of this version's data, under {@code /schemas/} in this module's jar. */
    public String schemaResource() {
        return "/schemas/" + schemaName() + ".json";
    }

    /** An event of this version (of {@link #eventClass()}) as the current version's event. */
    public JobEvent upcast(Object event) {
        return upcast.apply(eventClass.cast(event));
    }

    public static Optional<OlderEventVersion> fromCloudEventType(String type) {
        return Arrays.stream(values()).filter(v -> v.cloudEventType.equals(type)).findFirst();
    }

    /** The earlier version of a stored event, by its Axon payload type and revision. */
    public static Optional<OlderEventVersion> ofStored(String payloadType, String revision) {
        return Arrays.stream(values())
                .filter(v -> v.storedPayloadType().equals(payloadType) && Objects.equals(v.storedRevision, revision))
                .findFirst();
    }
}

package org.jobstream.events.cloud;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.tracing.TraceParent;

/**
 * Converts job events to and from CloudEvents 1.0 with JSON data: the one format of the job events
 * topic. Every event carries its job ID as {@code subject} (and as the Kafka key), and two
 * extensions: {@value #SEQUENCE} (the event's number within its job) and {@value #POSITION}
 * (its position in the event store).
 */
public final class JobEventCodec {

    public static final URI SOURCE = URI.create("/jobstream/jobs");
    public static final String DATA_CONTENT_TYPE = "application/json";
    public static final String SEQUENCE = "jobsequence";
    public static final String POSITION = "storeposition";
    /** Where the schemas of event data are published: their {@code $id}s, the {@code dataschema} of events. */
    public static final String SCHEMAS = "https://jobstream.org/schemas/";

    private final ObjectMapper mapper;

    public JobEventCodec() {
        this(defaultMapper());
    }

    public JobEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON mapper for event data: ISO-8601 times, unknown properties ignored (forward compatible). */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public CloudEvent encode(RecordedJobEvent recorded) {
        return encode(recorded, null);
    }

    /**
     * The CloudEvent of a stored event, with the trace of the request that caused it (the
     * {@code traceparent} extension of CloudEvents' distributed tracing) when there is one.
     */
    public CloudEvent encode(RecordedJobEvent recorded, TraceParent trace) {
        JobEventType type = JobEventType.of(recorded.event());
        try {
            CloudEventBuilder builder = CloudEventBuilder.v1()
                    .withId(recorded.id())
                    .withSource(SOURCE)
                    .withType(type.cloudEventType())
                    .withSubject(Long.toString(recorded.jobId()))
                    .withTime(recorded.time().atOffset(ZoneOffset.UTC))
                    .withDataContentType(DATA_CONTENT_TYPE)
                    .withDataSchema(URI.create(SCHEMAS + type.schemaName() + ".json"))
                    .withExtension(SEQUENCE, recorded.sequence())
                    .withExtension(POSITION, recorded.position())
                    .withData(mapper.writeValueAsBytes(recorded.event()));
            if (trace != null) {
                builder.withExtension(TraceParent.NAME, trace.toString());
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise " + type, e);
        }
    }

    /** The trace of the request that caused the event, when it carries a valid one. */
    public static Optional<TraceParent> traceOf(CloudEvent cloudEvent) {
        Object value = cloudEvent.getExtension(TraceParent.NAME);
        return value == null ? Optional.empty() : TraceParent.parse(value.toString());
    }

    /**
     * Reads a CloudEvent of the job events topic back, as the current version of its type: an event
     * of an earlier version ({@link OlderEventVersion}) is read as the event it amounts to.
     *
     * @throws UnreadableEventException when the type is unknown or the data does not match it
     */
    public RecordedJobEvent decode(CloudEvent cloudEvent) {
        String typeName = cloudEvent.getType();
        Optional<JobEventType> current = JobEventType.fromCloudEventType(typeName);
        Optional<OlderEventVersion> older = current.isPresent() ? Optional.empty()
                : OlderEventVersion.fromCloudEventType(typeName);
        if (current.isEmpty() && older.isEmpty()) {
            throw new UnreadableEventException("Unknown event type " + typeName);
        }
        if (cloudEvent.getData() == null) {
            throw new UnreadableEventException("Event " + cloudEvent.getId() + " has no data");
        }
        try {
            byte[] data = cloudEvent.getData().toBytes();
            JobEvent event = current.isPresent() ? mapper.readValue(data, current.get().eventClass())
                    : older.get().upcast(mapper.readValue(data, older.get().eventClass()));
            return new RecordedJobEvent(
                    cloudEvent.getId(),
                    event,
                    number(cloudEvent, SEQUENCE),
                    number(cloudEvent, POSITION),
                    cloudEvent.getTime().toInstant());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("Cannot read event " + cloudEvent.getId() + " of type " + typeName, e);
        }
    }

    /**
     * Reads an event's data as the event store keeps it (the JSON of the record, with Axon's payload
     * type, the record's class name, and payload revision), as the current version of its type: a
     * stored event of an earlier version ({@link OlderEventVersion}) is read as the event it amounts to.
     *
     * @param revision the stored payload revision, {@code null} when the row has none
     * @throws UnreadableEventException when the type is not a job event or the data does not match it
     */
    public JobEvent readStored(String payloadType, String revision, byte[] json) {
        Optional<JobEventType> current = Arrays.stream(JobEventType.values())
                .filter(t -> t.eventClass().getName().equals(payloadType) && Objects.equals(t.storedRevision(), revision))
                .findFirst();
        Optional<OlderEventVersion> older = current.isPresent() ? Optional.empty()
                : OlderEventVersion.ofStored(payloadType, revision);
        if (current.isEmpty() && older.isEmpty()) {
            throw new UnreadableEventException("Not a job event this version reads: " + payloadType + " revision " + revision);
        }
        try {
            return current.isPresent() ? mapper.readValue(json, current.get().eventClass())
                    : older.get().upcast(mapper.readValue(json, older.get().eventClass()));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("Cannot read stored " + payloadType + " revision " + revision, e);
        }
    }

    /**
     * The data of a stored event of an earlier version as the current version's data: what Axon's
     * upcaster chain hands the event store's readers in the command service.
     *
     * @throws UnreadableEventException when the data does not match its version
     */
    public JsonNode upcast(OlderEventVersion version, JsonNode data) {
        try {
            return mapper.valueToTree(version.upcast(mapper.treeToValue(data, version.eventClass())));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("Cannot upcast a stored " + version, e);
        }
    }

    private static long number(CloudEvent event, String extension) {
        Object value = event.getExtension(extension);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            return Long.parseLong(s);
        }
        throw new UnreadableEventException("Event " + event.getId() + " lacks extension " + extension);
    }

    /** An event on the topic that this version cannot read; consumers park it and go on. */
    public static final class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message) {
            super(message);
        }

        public UnreadableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

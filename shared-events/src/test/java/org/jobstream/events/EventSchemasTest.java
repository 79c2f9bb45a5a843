package org.jobstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.tracing.TraceParent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON schemas that downstream consumers read ({@code src/main/resources/schemas}, one per
 * event type and one for the CloudEvent envelope, see {@code docs/events.md}) are derived from the
 * event records: their components give the properties and types, their Javadoc the descriptions
 * and which values may be {@code null}. This test derives them again and fails when a committed
 * file differs, so a changed event fails the build until its schema is regenerated:
 *
 * <pre>
 * mvn -B -q -o test -pl shared-events -Dtest=EventSchemasTest -Djobstream.schemas.write=true
 * </pre>
 *
 * It also checks the schemas against real JSON: a sample of every event, serialised as the codec
 * serialises it, and wrapped in its CloudEvent, validates and has exactly the schema's properties.
 */
class EventSchemasTest {

    private static final String WRITE_PROPERTY = "jobstream.schemas.write";
    private static final boolean WRITE = Boolean.getBoolean(WRITE_PROPERTY);
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final String BASE_URI = "https://jobstream.org/schemas/";
    private static final String ENVELOPE = "JobCloudEvent";

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SCHEMAS = MODULE.resolve("src/main/resources/schemas");
    private static final Path SOURCES = MODULE.resolve("src/main/java/org/jobstream/events");

    private static final ObjectMapper JSON = JobEventCodec.defaultMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private static final long JOB = 4711;
    private static final Instant T1 = Instant.parse("2025-05-25T07:10:00.123Z");
    private static final Instant T2 = Instant.parse("2025-05-25T07:11:00.456789Z");
    private static final Instant NOW = Instant.parse("2025-05-25T07:12:00Z");
    private static final String INPUT_SANDBOX = "/S3/sandboxes/lhcb/lhcb_user/alice/sha256:" + "ab".repeat(32) + ".tar.bz2";
    private static final String OUTPUT_SANDBOX = "/S3/sandboxes/lhcb/lhcb_user/alice/sha256:" + "cd".repeat(32) + ".tar.zst";

    // ---------------------------------------------------------------------------------------------
    // The committed files are the derived ones

    @ParameterizedTest(name = "{0}")
    @EnumSource(JobEventType.class)
    void theCommittedSchemaOfAnEventIsTheOneDerivedFromItsRecord(JobEventType type) {
        checkOrWrite(type.schemaName(), eventSchema(type));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OlderEventVersion.class)
    void theCommittedSchemaOfAnEarlierVersionIsTheOneDerivedFromItsRecord(OlderEventVersion version) {
        checkOrWrite(version.schemaName(), eventSchema(version));
    }

    @Test
    void theCommittedEnvelopeSchemaIsTheOneDerivedFromTheCodecAndTheRegistry() {
        checkOrWrite(ENVELOPE, envelopeSchema());
    }

    @Test
    void thereIsNoSchemaFileWithoutAnEventType() throws IOException {
        assumeFalse(WRITE, "checked on the next run, once the files are written");
        Set<String> expected = new TreeSet<>();
        Arrays.stream(JobEventType.values()).forEach(t -> expected.add(t.schemaName() + ".json"));
        Arrays.stream(OlderEventVersion.values()).forEach(v -> expected.add(v.schemaName() + ".json"));
        expected.add(ENVELOPE + ".json");
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JobEventType.class)
    void theSchemaIsInTheJarWhereTheRegistryAndTheCodecSayItIs(JobEventType type) throws IOException {
        assumeFalse(WRITE, "checked on the next run, once the files are on the class path");
        JsonNode schema = JSON.readTree(JobEventType.class.getResource(type.schemaResource()));
        CloudEventSample wire = CloudEventSample.of(samples().filter(e -> JobEventType.of(e) == type).findFirst()
                .orElseThrow(() -> new AssertionError("No sample of " + type)));

        assertThat(schema.get("$id").asText()).isEqualTo(wire.json().get("dataschema").asText());
    }

    // ---------------------------------------------------------------------------------------------
    // The schemas describe what is really on the wire

    @ParameterizedTest(name = "{0}")
    @EnumSource(OlderEventVersion.class)
    void anEarlierVersionsSchemaIsInTheJarWhereItsRegistrySaysAndKeepsItsPublishedId(OlderEventVersion version)
            throws IOException {
        assumeFalse(WRITE, "checked on the next run, once the files are on the class path");
        JsonNode schema = JSON.readTree(JobEventType.class.getResource(version.schemaResource()));

        assertThat(schema.get("$id").asText()).isEqualTo(BASE_URI + version.schemaName() + ".json");
        assertThat(schema.get("$id").asText()).isNotEqualTo(
                BASE_URI + version.current().schemaName() + ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("olderSamples")
    void anEarlierVersionAsItWasStoredAndPublishedHasExactlyThePropertiesOfItsSchema(Record sample)
            throws IOException {
        OlderEventVersion version = Arrays.stream(OlderEventVersion.values())
                .filter(v -> v.eventClass() == sample.getClass()).findFirst().orElseThrow();
        JsonNode schema = eventSchema(version);
        JsonNode data = JSON.readTree(JSON.writeValueAsBytes(sample));

        assertThat(new Validator(schema).errors(data)).isEmpty();
        assertThat(fieldNames(data)).containsExactlyElementsOf(fieldNames(schema.get("properties")));
        assertThat(new Validator(envelopeSchema()).errors(CloudEventSample.published(version, data))).isEmpty();
    }

    @Test
    void everyEarlierVersionHasASample() {
        assertThat(olderSamples().map(Object::getClass).distinct())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(OlderEventVersion.values())
                        .map(OlderEventVersion::eventClass).toList());
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(samples().map(JobEventType::of).distinct()).containsExactlyInAnyOrder(JobEventType.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void anEventSerialisedByTheCodecHasExactlyThePropertiesOfItsSchema(JobEvent sample) throws IOException {
        JsonNode schema = eventSchema(JobEventType.of(sample));
        JsonNode data = JSON.readTree(JSON.writeValueAsBytes(sample));

        assertThat(new Validator(schema).errors(data)).isEmpty();
        assertThat(fieldNames(data)).containsExactlyElementsOf(fieldNames(schema.get("properties")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aCloudEventOfTheTopicValidatesAgainstTheEnvelopeAndItsDataSchema(JobEvent sample) {
        CloudEventSample wire = CloudEventSample.of(sample);

        assertThat(new Validator(envelopeSchema()).errors(wire.json())).isEmpty();
        assertThat(fieldNames(wire.json())).containsExactlyInAnyOrderElementsOf(
                fieldNames(envelopeSchema().get("properties")));
    }

    @Test
    void theValidatorRefusesWhatTheSchemasForbid() throws IOException {
        JobEvent sample = samples().filter(JobStatusUpdated.class::isInstance).findFirst().orElseThrow();
        Validator validator = new Validator(eventSchema(JobEventType.of(sample)));
        ObjectNode data = (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(sample));

        assertThat(validator.errors(data.deepCopy().put("status", "Sleeping"))).isNotEmpty();
        assertThat(validator.errors(data.deepCopy().put("time", "yesterday"))).isNotEmpty();
        assertThat(validator.errors(data.deepCopy().put("jobId", "42"))).isNotEmpty();
        assertThat(validator.errors(data.deepCopy().putNull("lastUpdateTime"))).isNotEmpty();
        assertThat(validator.errors(data.deepCopy().put("unexpected", 1))).isNotEmpty();
        ObjectNode withoutForced = data.deepCopy();
        withoutForced.remove("forced");
        assertThat(validator.errors(withoutForced)).isNotEmpty();
        ObjectNode badRecord = data.deepCopy();
        ((ObjectNode) badRecord.get("records").get(0)).put("source", 7);
        assertThat(validator.errors(badRecord)).isNotEmpty();
        assertThat(validator.errors(data.deepCopy().putNull("startExecTime"))).isEmpty();
    }

    /** One sample per event type, more where a value may be null, with the nullable values both ways. */
    static Stream<JobEvent> samples() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("UserPriority", 2);
        attributes.put("HeartBeatTime", "2025-05-25T07:10:00Z");
        attributes.put("VerifiedFlag", false);
        attributes.put("AccountedFlag", "Failed");
        attributes.put("JobType", "User");
        QueuedCommand kill = new QueuedCommand(QueuedCommand.KILL, "", T1);
        return Stream.of(
                new JobSubmitted(JOB, "alice", "lhcb_user", "lhcb", "job_4711", "User", "00000000", "ANY", 1,
                        JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", T1,
                        "[\n    Executable = \"echo\";\n    JobID = 4711;\n]",
                        List.of("SB:SandboxSE|" + INPUT_SANDBOX), List.of("/lhcb/data/file1")),
                new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.RUNNING, "Application", StatusRecord.IDEM, T1, "JobWrapper"),
                                new StatusRecord(null, "Still there", StatusRecord.IDEM, T2, "JobWrapper")),
                        false, JobStatus.RUNNING, "Still there", "Unknown", T1, null, T2, NOW, NOW),
                new JobStatusUpdated(JOB,
                        List.of(new StatusRecord(JobStatus.DONE, "Execution Complete", "Done", T2, "JobWrapper")),
                        true, JobStatus.DONE, "Execution Complete", "Done", T1, T2, T2, NOW, NOW),
                new HeartbeatReceived(JOB, NOW, Map.of("LoadAverage", "2.5", "StandardOutput", "hello"),
                        new HeartbeatStatusChange(
                                new StatusRecord(JobStatus.RUNNING, StatusRecord.IDEM, StatusRecord.IDEM, NOW, "Heartbeat"),
                                JobStatus.RUNNING, "Pilot", "Unknown", NOW, null, NOW)),
                new HeartbeatReceived(JOB, NOW, Map.of("Vsize", "1234.0"), null),
                new JobCommandQueued(JOB, QueuedCommand.KILL, "", NOW),
                new JobCommandsDelivered(JOB, List.of(kill), NOW),
                new JobRescheduled(JOB, 1, NOW,
                        List.of(new StatusRecord(JobStatus.RESCHEDULED, StatusRecord.IDEM, StatusRecord.IDEM, NOW,
                                        "JobManager"),
                                new StatusRecord(JobStatus.RECEIVED, "Job Rescheduled", "Unknown", NOW, "JobManager")),
                        JobStatus.RECEIVED, "Job Rescheduled", "Unknown", NOW, List.of(kill)),
                new JobMetadataPatched(JOB, attributes, Map.of("JobType", "User", "CPUNormalizationFactor", "10"), NOW),
                new OutputSandboxAssigned(JOB, OUTPUT_SANDBOX, NOW),
                new SandboxesUnassigned(JOB, List.of(INPUT_SANDBOX, OUTPUT_SANDBOX), NOW));
    }

    /** Events of earlier versions as Jobstream stored and published them, with the nullable values both ways. */
    static Stream<Record> olderSamples() {
        return Stream.of(
                new HeartbeatReceivedV1(JOB, NOW, Map.of("LoadAverage", "2.5", "StandardOutput", "hello"),
                        new StatusRecord(JobStatus.RUNNING, StatusRecord.IDEM, StatusRecord.IDEM, NOW, "Heartbeat"),
                        JobStatus.RUNNING, "Pilot", "Unknown", NOW, null, NOW, NOW),
                new HeartbeatReceivedV1(JOB, NOW, Map.of("Vsize", "1234.0"), null,
                        JobStatus.RUNNING, "Application", "Unknown", T1, null, NOW, T1));
    }

    // ---------------------------------------------------------------------------------------------
    // Deriving the schemas

    /** The schema of an event's data, from its record and the record's Javadoc. */
    static ObjectNode eventSchema(JobEventType type) {
        return eventSchema(type.eventClass(), type.schemaName(), type.cloudEventType());
    }

    /** The schema of the data of an earlier version of an event type. */
    static ObjectNode eventSchema(OlderEventVersion version) {
        return eventSchema(version.eventClass(), version.schemaName(), version.cloudEventType());
    }

    private static ObjectNode eventSchema(Class<?> record, String name, String cloudEventType) {
        Javadoc doc = Javadoc.of(record);
        Map<String, ObjectNode> defs = new LinkedHashMap<>();
        ObjectNode schema = JSON.createObjectNode()
                .put("$schema", DIALECT)
                .put("$id", BASE_URI + name + ".json")
                .put("title", name)
                .put("description", "The data of a job event of CloudEvents type " + cloudEventType + ". "
                        + doc.description());
        objectOf(schema, record, doc, defs);
        if (!defs.isEmpty()) {
            defs.forEach(schema.putObject("$defs")::set);
        }
        return schema;
    }

    /** A record as a JSON object: every component is a property, always present (null is written). */
    private static void objectOf(ObjectNode target, Class<?> record, Javadoc doc, Map<String, ObjectNode> defs) {
        target.put("type", "object");
        ObjectNode properties = target.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            String description = doc.param(component.getName());
            ObjectNode property = JSON.createObjectNode().put("description", description);
            ObjectNode type = typeOf(component.getGenericType(), defs);
            if (Javadoc.saysNullIsPossible(description)) {
                if (component.getType().isPrimitive()) {
                    fail(record.getSimpleName() + "." + component.getName() + " is primitive but documented as nullable");
                }
                type = nullable(type);
            }
            property.setAll(type);
            properties.set(component.getName(), property);
            required.add(component.getName());
        }
        target.set("required", required);
    }

    private static ObjectNode typeOf(Type type, Map<String, ObjectNode> defs) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                ObjectNode array = JSON.createObjectNode().put("type", "array");
                array.set("items", typeOf(arguments[0], defs));
                return array;
            }
            if (raw == Map.class && arguments[0] == String.class && arguments[1] == String.class) {
                ObjectNode object = JSON.createObjectNode().put("type", "object");
                object.putObject("additionalProperties").put("type", "string");
                return object;
            }
            if (raw == Map.class && arguments[0] == String.class && arguments[1] == Object.class) {
                return JSON.createObjectNode().put("type", "object");
            }
        } else if (type instanceof Class<?> c) {
            if (c == long.class || c == int.class || c == Long.class || c == Integer.class) {
                return JSON.createObjectNode().put("type", "integer");
            }
            if (c == boolean.class || c == Boolean.class) {
                return JSON.createObjectNode().put("type", "boolean");
            }
            if (c == String.class) {
                return JSON.createObjectNode().put("type", "string");
            }
            if (c == Instant.class) {
                return JSON.createObjectNode().put("type", "string").put("format", "date-time");
            }
            if (c.isEnum()) {
                ObjectNode enumeration = JSON.createObjectNode().put("type", "string");
                ArrayNode labels = enumeration.putArray("enum");
                for (Object constant : c.getEnumConstants()) {
                    labels.add(JSON.valueToTree(constant).asText());
                }
                return enumeration;
            }
            if (c.isRecord()) {
                if (!defs.containsKey(c.getSimpleName())) {
                    Javadoc doc = Javadoc.of(c);
                    ObjectNode def = JSON.createObjectNode()
                            .put("title", c.getSimpleName())
                            .put("description", doc.description());
                    defs.put(c.getSimpleName(), def);
                    objectOf(def, c, doc, defs);
                }
                return JSON.createObjectNode().put("$ref", "#/$defs/" + c.getSimpleName());
            }
        }
        throw new AssertionError("No JSON schema mapping for " + type.getTypeName()
                + ": teach EventSchemasTest.typeOf how consumers see it");
    }

    private static ObjectNode nullable(ObjectNode type) {
        if (type.has("$ref")) {
            ObjectNode either = JSON.createObjectNode();
            either.putArray("anyOf").add(type).addObject().put("type", "null");
            return either;
        }
        ObjectNode copy = type.deepCopy();
        copy.putArray("type").add(type.get("type").asText()).add("null");
        if (copy.has("enum")) {
            ((ArrayNode) copy.get("enum")).addNull();
        }
        return copy;
    }

    /** The CloudEvent of the job events topic, as {@link JobEventCodec} builds it, in structured JSON. */
    static ObjectNode envelopeSchema() {
        ObjectNode schema = JSON.createObjectNode()
                .put("$schema", DIALECT)
                .put("$id", BASE_URI + ENVELOPE + ".json")
                .put("title", ENVELOPE)
                .put("description", "A job event on the Kafka topic jobstream.job-events: a CloudEvents 1.0 event "
                        + "in structured JSON mode (content type application/cloudevents+json), keyed by its job ID. "
                        + "The type names the event; data holds the event itself, described by the schema that "
                        + "dataschema names.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion")
                .put("description", "The CloudEvents version.")
                .put("const", "1.0");
        properties.putObject("id")
                .put("description", "The event's unique identifier (the event store's event identifier). A "
                        + "redelivery repeats it: consumers deduplicate by it.")
                .put("type", "string")
                .put("minLength", 1);
        properties.putObject("source")
                .put("description", "Where the event comes from: Jobstream's job service.")
                .put("const", JobEventCodec.SOURCE.toString());
        ArrayNode types = properties.putObject("type")
                .put("description", "The event type; the name ends with its version (.v1, .v2). It decides the "
                        + "shape of data. Jobstream publishes the current version of each type; the topic may "
                        + "still hold events of earlier versions, published before.")
                .putArray("enum");
        Arrays.stream(JobEventType.values()).forEach(t -> types.add(t.cloudEventType()));
        Arrays.stream(OlderEventVersion.values()).forEach(v -> types.add(v.cloudEventType()));
        properties.putObject("subject")
                .put("description", "The job ID as decimal text; also the Kafka record key.")
                .put("type", "string")
                .put("pattern", "^[1-9][0-9]*$");
        properties.putObject("time")
                .put("description", "When the change happened at its source (UTC).")
                .put("type", "string")
                .put("format", "date-time");
        properties.putObject("datacontenttype")
                .put("description", "The content type of data.")
                .put("const", JobEventCodec.DATA_CONTENT_TYPE);
        properties.putObject("dataschema")
                .put("description", "The JSON schema of data (the $id of the type's schema file).")
                .put("type", "string")
                .put("format", "uri");
        properties.putObject(JobEventCodec.SEQUENCE)
                .put("description", "The event's number within its job, from 0, as decimal text (a 64-bit "
                        + "integer). A job's events arrive in this order; an event whose number a consumer has "
                        + "already applied for the job is a redelivery.")
                .put("type", "string")
                .put("pattern", "^(0|[1-9][0-9]*)$");
        properties.putObject(JobEventCodec.POSITION)
                .put("description", "The event's position in the whole event store, as decimal text (a 64-bit "
                        + "integer): increasing with the order in which events were stored.")
                .put("type", "string")
                .put("pattern", "^(0|[1-9][0-9]*)$");
        properties.putObject(TraceParent.NAME)
                .put("description", "Optional: the W3C trace context of the request that caused the event "
                        + "(CloudEvents' distributed tracing extension), version 00: trace id, the causing span's "
                        + "id, flags. Absent on events stored before Jobstream recorded traces.")
                .put("type", "string")
                .put("pattern", "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
        properties.putObject("data")
                .put("description", "The event itself: a JSON object as the type's schema describes it.")
                .put("type", "object");
        ArrayNode required = schema.putArray("required");
        properties.fieldNames().forEachRemaining(name -> {
            if (!name.equals(TraceParent.NAME)) {
                required.add(name);
            }
        });
        ArrayNode byType = schema.putArray("allOf");
        Map<String, String> schemaByType = new LinkedHashMap<>();
        Arrays.stream(JobEventType.values()).forEach(t -> schemaByType.put(t.cloudEventType(), t.schemaName()));
        Arrays.stream(OlderEventVersion.values()).forEach(v -> schemaByType.put(v.cloudEventType(), v.schemaName()));
        schemaByType.forEach((type, name) -> {
            String dataSchema = BASE_URI + name + ".json";
            ObjectNode rule = byType.addObject();
            ObjectNode condition = rule.putObject("if");
            condition.putObject("properties").putObject("type").put("const", type);
            condition.putArray("required").add("type");
            ObjectNode then = rule.putObject("then").putObject("properties");
            then.putObject("dataschema").put("const", dataSchema);
            then.putObject("data").put("$ref", dataSchema);
        });
        return schema;
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    private static void checkOrWrite(String name, ObjectNode schema) {
        Path file = SCHEMAS.resolve(name + ".json");
        String derived = print(schema);
        try {
            if (WRITE) {
                Files.createDirectories(SCHEMAS);
                Files.writeString(file, derived, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("%s is missing: run this test with -D%s=true", file, WRITE_PROPERTY).exists();
            String committed = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertThat(committed)
                    .as("%s differs from the schema derived from the code: run this test with -D%s=true and "
                            + "commit the result (and say what changed in docs/events.md)", file, WRITE_PROPERTY)
                    .isEqualTo(derived);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String print(JsonNode schema) {
        try {
            return JSON.writer(PRINTER).writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---------------------------------------------------------------------------------------------
    // Javadoc

    /** The Javadoc of a record of this package, as plain text: its description and its {@code @param}s. */
    record Javadoc(String description, Map<String, String> params) {

        private static final Pattern CODE = Pattern.compile("\\{@(?:code|literal) ([^}]*)}");
        private static final Pattern VALUE = Pattern.compile("\\{@value #(\\w+)}");
        private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)? +([^\\s}]+)(?: +([^}]*))?}");
        private static final Pattern NULL = Pattern.compile("\\bnull\\b");

        static Javadoc of(Class<?> record) {
            String source;
            try {
                source = Files.readString(SOURCES.resolve(record.getSimpleName() + ".java"));
            } catch (IOException e) {
                throw new UncheckedIOException("The Javadoc of " + record + " is read from its source", e);
            }
            int declaration = source.indexOf("public record " + record.getSimpleName() + "(");
            int start = source.lastIndexOf("/**", declaration);
            int end = source.indexOf("*/", start);
            if (declaration < 0 || start < 0 || end > declaration) {
                throw new AssertionError(record.getSimpleName() + " needs a Javadoc comment: it is its schema's description");
            }
            StringBuilder description = new StringBuilder();
            Map<String, StringBuilder> params = new LinkedHashMap<>();
            StringBuilder current = description;
            for (String line : source.substring(start + 3, end).split("\n")) {
                String text = line.replaceFirst("^\\s*\\*? ?", "");
                if (text.startsWith("@param ")) {
                    String[] nameAndText = text.substring("@param ".length()).trim().split("\\s+", 2);
                    current = new StringBuilder(nameAndText.length > 1 ? nameAndText[1] : "");
                    params.put(nameAndText[0], current);
                } else if (text.startsWith("@")) {
                    current = null;
                } else if (current != null) {
                    current.append('\n').append(text);
                }
            }
            Map<String, String> texts = new LinkedHashMap<>();
            params.forEach((name, text) -> texts.put(name, plain(text.toString(), record)));
            return new Javadoc(plain(description.toString(), record), texts);
        }

        String param(String component) {
            String text = params.get(component);
            if (text == null || text.isBlank()) {
                throw new AssertionError("Document @param " + component + ": it is the property's description");
            }
            return text;
        }

        /** Whether the Javadoc of a value says it may be {@code null}. */
        static boolean saysNullIsPossible(String description) {
            return NULL.matcher(description).find();
        }

        /** Javadoc to plain text: inline tags resolved, paragraphs and list items kept, other layout dropped. */
        static String plain(String javadoc, Class<?> owner) {
            String text = replace(VALUE, javadoc, m -> constant(owner, m.group(1)));
            text = replace(CODE, text, m -> m.group(1));
            text = replace(LINK, text, m -> m.group(2) != null ? m.group(2)
                    : m.group(1).replaceFirst("^#", "").replace("()", "").replace('#', '.'));
            text = text.replaceAll("\\s+", " ")
                    .replaceAll(" ?<p> ?", "\n\n")
                    .replaceAll(" ?<ul> ?", "\n")
                    .replaceAll(" ?</ul> ?", "\n\n")
                    .replaceAll(" ?<li> ?", "\n- ")
                    .replaceAll(" ?</li> ?", "")
                    .replaceAll("\n{3,}", "\n\n");
            return text.strip();
        }

        private static String constant(Class<?> owner, String field) {
            try {
                return String.valueOf(owner.getField(field).get(null));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("{@value #" + field + "} in " + owner.getSimpleName(), e);
            }
        }

        private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
            Matcher m = pattern.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(by.apply(m)));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The wire

    /** An event as the job events topic carries it: the codec's CloudEvent in structured JSON. */
    record CloudEventSample(JsonNode json) {

        /** A CloudEvent of an earlier version, as the publisher put it on the topic then. */
        static JsonNode published(OlderEventVersion version, JsonNode data) throws IOException {
            byte[] bytes = new JsonFormat().serialize(io.cloudevents.core.builder.CloudEventBuilder.v1()
                    .withId("7f0c1d2e-0000-4000-8000-000000004712")
                    .withSource(JobEventCodec.SOURCE)
                    .withType(version.cloudEventType())
                    .withSubject(Long.toString(JOB))
                    .withTime(NOW.atOffset(java.time.ZoneOffset.UTC))
                    .withDataContentType(JobEventCodec.DATA_CONTENT_TYPE)
                    .withDataSchema(URI.create(BASE_URI + version.schemaName() + ".json"))
                    .withExtension(JobEventCodec.SEQUENCE, 3L)
                    .withExtension(JobEventCodec.POSITION, 1234L)
                    .withData(JSON.writeValueAsBytes(data))
                    .build());
            return JSON.readTree(bytes);
        }

        static CloudEventSample of(JobEvent event) {
            RecordedJobEvent recorded = new RecordedJobEvent("7f0c1d2e-0000-4000-8000-000000004711", event, 3, 1234, NOW);
            byte[] bytes = new JsonFormat().serialize(new JobEventCodec().encode(recorded,
                    TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow()));
            try {
                return new CloudEventSample(JSON.readTree(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The part of JSON Schema 2020-12 that these schemas use, strictly: an object whose schema lists
     * {@code properties} must have exactly those properties, and a keyword it does not know is an
     * error (so a schema cannot quietly use one that nothing checks). References resolve to
     * {@code $defs} of the same document or to the event schemas by {@code $id}.
     */
    static final class Validator {

        private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$defs");
        private static final Set<String> ASSERTIONS = Set.of("type", "properties", "required", "additionalProperties",
                "items", "enum", "const", "format", "pattern", "minLength", "minimum", "$ref", "anyOf", "allOf",
                "if", "then");

        private final JsonNode root;

        Validator(JsonNode root) {
            this.root = root;
        }

        List<String> errors(JsonNode instance) {
            List<String> errors = new ArrayList<>();
            check(root, root, instance, "$", errors);
            return errors;
        }

        private void check(JsonNode document, JsonNode schema, JsonNode value, String at, List<String> errors) {
            for (Iterator<String> keywords = schema.fieldNames(); keywords.hasNext(); ) {
                String keyword = keywords.next();
                if (!ANNOTATIONS.contains(keyword) && !ASSERTIONS.contains(keyword)) {
                    errors.add(at + ": the validator does not know the keyword " + keyword);
                }
            }
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                JsonNode target = ref.startsWith("#/") ? document : load(ref);
                check(target, ref.startsWith("#/") ? document.at(ref.substring(1)) : target, value, at, errors);
            }
            if (schema.has("type") && !hasType(schema.get("type"), value)) {
                errors.add(at + ": " + value.getNodeType() + " is not of type " + schema.get("type"));
                return;
            }
            if (schema.has("const") && !schema.get("const").equals(value)) {
                errors.add(at + ": " + value + " is not " + schema.get("const"));
            }
            if (schema.has("enum") && !contains(schema.get("enum"), value)) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
            if (value.isTextual()) {
                text(schema, value.asText(), at, errors);
            }
            if (value.isNumber() && schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                errors.add(at + ": " + value + " is below " + schema.get("minimum"));
            }
            if (value.isObject()) {
                object(document, schema, value, at, errors);
            }
            if (value.isArray() && schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(document, schema.get("items"), value.get(i), at + "[" + i + "]", errors);
                }
            }
            if (schema.has("anyOf")) {
                boolean any = false;
                for (JsonNode branch : schema.get("anyOf")) {
                    List<String> branchErrors = new ArrayList<>();
                    check(document, branch, value, at, branchErrors);
                    any |= branchErrors.isEmpty();
                }
                if (!any) {
                    errors.add(at + ": " + value + " matches none of " + schema.get("anyOf"));
                }
            }
            if (schema.has("allOf")) {
                for (JsonNode part : schema.get("allOf")) {
                    check(document, part, value, at, errors);
                }
            }
            if (schema.has("if")) {
                List<String> condition = new ArrayList<>();
                check(document, schema.get("if"), value, at, condition);
                if (condition.isEmpty() && schema.has("then")) {
                    check(document, schema.get("then"), value, at, errors);
                }
            }
        }

        private void object(JsonNode document, JsonNode schema, JsonNode value, String at, List<String> errors) {
            Set<String> present = new LinkedHashSet<>(fieldNames(value));
            if (schema.has("required")) {
                for (JsonNode name : schema.get("required")) {
                    if (!present.contains(name.asText())) {
                        errors.add(at + ": lacks the required " + name.asText());
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                for (String name : present) {
                    if (properties.has(name)) {
                        check(document, properties.get(name), value.get(name), at + "." + name, errors);
                    }
                }
                // A whole object's schema (with its type) lists every property; a partial one (if, then) does not.
                boolean exactlyTheListed = schema.has("type");
                Set<String> unexpected = new HashSet<>(present);
                unexpected.removeAll(fieldNames(properties));
                if (exactlyTheListed && !unexpected.isEmpty()) {
                    errors.add(at + ": has properties its schema does not list: " + unexpected);
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null && additional.isObject()) {
                for (String name : present) {
                    if (properties == null || !properties.has(name)) {
                        check(document, additional, value.get(name), at + "." + name, errors);
                    }
                }
            }
        }

        private static void text(JsonNode schema, String text, String at, List<String> errors) {
            if (schema.has("minLength") && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
                errors.add(at + ": shorter than " + schema.get("minLength"));
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                errors.add(at + ": " + text + " does not match " + schema.get("pattern"));
            }
            String format = schema.path("format").asText("");
            try {
                switch (format) {
                    case "date-time" -> OffsetDateTime.parse(text);
                    case "uri" -> {
                        if (!URI.create(text).isAbsolute()) {
                            errors.add(at + ": " + text + " is not an absolute URI");
                        }
                    }
                    case "" -> { }
                    default -> errors.add(at + ": the validator does not know the format " + format);
                }
            } catch (RuntimeException e) {
                errors.add(at + ": " + text + " is not a " + format + " (" + e.getMessage() + ")");
            }
        }

        private static boolean hasType(JsonNode type, JsonNode value) {
            if (type.isArray()) {
                for (JsonNode one : type) {
                    if (hasType(one, value)) {
                        return true;
                    }
                }
                return false;
            }
            return switch (type.asText()) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "null" -> value.isNull();
                default -> throw new AssertionError("Unknown type " + type);
            };
        }

        private static boolean contains(JsonNode values, JsonNode value) {
            for (JsonNode candidate : values) {
                if (candidate.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        /** A schema by its {@code $id}: the one derived for that event (the committed file is checked apart). */
        private static JsonNode load(String id) {
            return Stream.concat(Arrays.stream(JobEventType.values()).map(EventSchemasTest::eventSchema),
                            Arrays.stream(OlderEventVersion.values()).map(EventSchemasTest::eventSchema))
                    .filter(schema -> schema.get("$id").asText().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No Jobstream schema has the $id " + id));
        }
    }

    static {
        // The derivation must cover every event; a JobEvent that is not a record has no components to derive from.
        for (Class<?> event : JobEvent.class.getPermittedSubclasses()) {
            if (!event.isRecord() || !Modifier.isPublic(event.getModifiers())) {
                throw new AssertionError(event + " is not a public record");
            }
        }
    }
}

package org.jobstream.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jobstream.events.JobEventType;

/**
 * A record of the job events topic as the stream handles it: where it is, its CloudEvent as the
 * JSON text the publisher wrote (sent to subscribers unchanged), and what the filters and the
 * visibility rule read from it.
 *
 * @param partition the record's partition
 * @param offset    its offset there
 * @param json      the structured CloudEvent, one line of JSON
 * @param jobId     the job (the CloudEvent's {@code subject})
 * @param type      the CloudEvent type
 * @param status    the job's status after the event, when the event says it
 * @param submitted the owner, VO and job group, when the event is the job's submission
 * @param newGroup  the job's new group, when the event is a metadata patch that sets it
 */
record StreamedEvent(int partition, long offset, String json, long jobId, String type, Optional<String> status,
                     Optional<JobFacts> submitted, Optional<String> newGroup) {

    /** What a job's submission says of it for the stream: who sees it, and its group. */
    record JobFacts(String owner, String vo, String jobGroup) {
    }

    static final String SUBMITTED_TYPE = JobEventType.SUBMITTED.cloudEventType();
    static final String PATCHED_TYPE = JobEventType.METADATA_PATCHED.cloudEventType();

    /** Reads a record; empty when it is not a job event this stream understands (it is skipped). */
    static Optional<StreamedEvent> read(ObjectMapper mapper, int partition, long offset, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode event = mapper.readTree(value);
            String subject = event.path("subject").asText("");
            if (!subject.matches("\\d{1,18}")) {
                return Optional.empty();
            }
            String type = event.path("type").asText("");
            JsonNode data = event.path("data");
            Optional<String> status = data.path("status").isTextual()
                    ? Optional.of(data.get("status").asText()) : Optional.empty();
            Optional<JobFacts> submitted = SUBMITTED_TYPE.equals(type)
                    ? Optional.of(new JobFacts(data.path("owner").asText(), data.path("vo").asText(),
                    data.path("jobGroup").asText()))
                    : Optional.empty();
            JsonNode group = data.path("attributes").path("JobGroup");
            Optional<String> newGroup = PATCHED_TYPE.equals(type) && group.isTextual()
                    ? Optional.of(group.asText()) : Optional.empty();
            return Optional.of(new StreamedEvent(partition, offset, new String(value, StandardCharsets.UTF_8).strip(),
                    Long.parseLong(subject), type, status, submitted, newGroup));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

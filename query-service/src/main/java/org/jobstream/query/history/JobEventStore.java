package org.jobstream.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.cloud.JobEventCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one job's events straight from the event store, oldest first: the source of truth, so
 * history needs no wait for the read models.
 */
@Component
class JobEventStore {

    /** One stored event: its number in the job, when it happened, its type and its data. */
    record StoredEvent(long sequence, Instant time, JobEventType type, JsonNode payload, JobEvent event) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper = JobEventCodec.defaultMapper();
    private final JobEventCodec codec = new JobEventCodec(mapper);

    JobEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredEvent> events(long jobId) {
        return jdbc.sql("""
                SELECT sequencenumber, timestamp, payloadtype, payload
                  FROM domainevententry
                 WHERE aggregateidentifier = :id
                 ORDER BY sequencenumber
                """)
                .param("id", Long.toString(jobId))
                .query((rs, n) -> read(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .list();
    }

    private StoredEvent read(long sequence, String time, String payloadType, byte[] payload) {
        JobEvent event = codec.readStored(payloadType, payload);
        try {
            return new StoredEvent(sequence, Instant.parse(time), JobEventType.of(event), mapper.readTree(payload), event);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read event " + sequence + " of type " + payloadType, e);
        }
    }
}

package org.jobstream.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.jobstream.access.JobOwnership;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.JobEvents;
import org.jobstream.store.JobEvents.StoredJobEvent;
import org.springframework.stereotype.Component;

/**
 * One job's events straight from the event store, oldest first, read a page at a time: the source
 * of truth, so history needs no wait for the read models.
 */
@Component
class JobEventStore {

    /** One stored event: its number in the job, when it happened, its type and its data (the current version's). */
    record StoredEvent(long sequence, Instant time, JobEventType type, JsonNode payload, JobEvent event) {
    }

    private final JobEvents events;
    private final ObjectMapper mapper = JobEventCodec.defaultMapper();
    private final JobEventCodec codec = new JobEventCodec(mapper);

    JobEventStore(JobEvents events) {
        this.events = events;
    }

    /** Up to {@code limit} events of the job from its event number {@code from} on. */
    List<StoredEvent> events(long jobId, long from, int limit) {
        return events.events(jobId, from, limit).stream().map(this::read).toList();
    }

    /** The job's owner, from its first event alone; empty when it does not exist. */
    List<JobOwnership> owner(long jobId) {
        return events.owners(List.of(jobId));
    }

    /** How many events the job has. */
    long count(long jobId) {
        return events.count(jobId);
    }

    /** A stored event as the current version of its type: one stored in an earlier version is read as it amounts to. */
    private StoredEvent read(StoredJobEvent stored) {
        JobEvent event = codec.readStored(stored.payloadType(), stored.payloadRevision(), stored.payload());
        return new StoredEvent(stored.sequence(), stored.time(), JobEventType.of(event), mapper.valueToTree(event), event);
    }
}

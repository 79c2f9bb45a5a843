package org.jobstream.projections.consumer;

import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.JobEventCodec.UnreadableEventException;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.projections.index.JobIndex;
import org.jobstream.projections.jobs.JobDocuments;
import org.jobstream.projections.jobs.JobRows.StoredJob;
import org.jobstream.projections.jobs.JobTableProjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects one batch of records from the job events topic: the PostgreSQL rows, then the
 * Elasticsearch documents of the jobs that changed, then the topic position, and only then the
 * commit. A crash anywhere before the commit leaves the old position, so the batch is read again
 * and re-applied without effect where it had already been applied.
 */
@Component
public class ProjectionBatch {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatch.class);

    /**
     * The advisory lock that every batch transaction holds shared: a rebuild or check takes it
     * exclusively to pause the consumers between two batches.
     */
    public static final long PAUSE_LOCK = 0x6a6f62735f70L;

    private final JobTableProjector tables;
    private final JobDocuments documents;
    private final JobIndex index;
    private final ProjectionOffsets offsets;
    private final DeadLetters deadLetters;
    private final JobEventCodec codec = new JobEventCodec();

    ProjectionBatch(JobTableProjector tables, JobDocuments documents, JobIndex index, ProjectionOffsets offsets,
                    DeadLetters deadLetters) {
        this.tables = tables;
        this.documents = documents;
        this.index = index;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
    }

    @Transactional
    public void project(List<ConsumerRecord<String, CloudEvent>> records) {
        offsets.holdShared(PAUSE_LOCK);
        List<RecordedJobEvent> events = new ArrayList<>(records.size());
        Map<String, Map<Integer, Long>> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            nextOffsets.computeIfAbsent(record.topic(), t -> new HashMap<>())
                    .merge(record.partition(), record.offset() + 1, Math::max);
            RecordedJobEvent event = decode(record);
            if (event != null) {
                events.add(event);
            }
        }
        long started = System.nanoTime();
        Map<Long, StoredJob> changed = tables.apply(events);
        long applied = System.nanoTime();
        List<JobDocuments.JobDocument> changedDocuments = documents.of(changed.values());
        long read = System.nanoTime();
        index.index(changedDocuments);
        long indexed = System.nanoTime();
        nextOffsets.forEach((topic, byPartition) -> byPartition.forEach((partition, next) ->
                offsets.store(topic, partition, next)));
        if (log.isDebugEnabled()) {
            log.debug("Projected {} records, {} jobs changed: tables {} ms, documents {} ms, index {} ms; traces {}",
                    records.size(), changed.size(), (applied - started) / 1_000_000, (read - applied) / 1_000_000,
                    (indexed - read) / 1_000_000, traces(records));
        }
    }

    /** Whether PostgreSQL and Elasticsearch both answer: a record is only blamed when they do. */
    public boolean storesAnswer() {
        try {
            offsets.nextOffsets("");
            return index.answers();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Moves past a record that was parked, in the same way as an applied one. */
    @Transactional
    public void skip(ConsumerRecord<String, CloudEvent> record) {
        offsets.holdShared(PAUSE_LOCK);
        offsets.store(record.topic(), record.partition(), record.offset() + 1);
    }

    /** The traces of the requests that caused the records ({@code traceparent} of each CloudEvent). */
    private static Set<String> traces(List<ConsumerRecord<String, CloudEvent>> records) {
        Set<String> traces = new TreeSet<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            if (record.value() != null) {
                JobEventCodec.traceOf(record.value()).ifPresent(trace -> traces.add(trace.traceId()));
            }
        }
        return traces;
    }

    private RecordedJobEvent decode(ConsumerRecord<String, CloudEvent> record) {
        try {
            if (record.value() == null) {
                throw new UnreadableEventException("record is not a CloudEvent");
            }
            return codec.decode(record.value());
        } catch (UnreadableEventException e) {
            deadLetters.park(record, e);
            return null;
        }
    }
}

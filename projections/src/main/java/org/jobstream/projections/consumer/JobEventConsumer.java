package org.jobstream.projections.consumer;

import io.micrometer.core.instrument.Timer;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * A member of the projections' consumer group on the job events topic. Kafka spreads the
 * partitions over the running instances; one job's events are on one partition (key = job ID), so
 * they are applied in order. On assignment the consumer resumes where the read model says it is.
 */
@Component
class JobEventConsumer implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(JobEventConsumer.class);

    private final ProjectionBatch batch;
    private final ProjectionOffsets offsets;
    private final ProjectionLag lag;
    private final DeadLetters deadLetters;
    private final SearchableRefresher refresher;
    private final ProjectionMetrics metrics;
    private final ProjectionSpans spans;
    private final String topic;

    JobEventConsumer(ProjectionBatch batch, ProjectionOffsets offsets, ProjectionLag lag, DeadLetters deadLetters,
                     SearchableRefresher refresher, ProjectionMetrics metrics, ProjectionSpans spans,
                     @Value("${jobstream.kafka.job-events-topic}") String topic) {
        this.batch = batch;
        this.spans = spans;
        this.metrics = metrics;
        this.refresher = refresher;
        this.deadLetters = deadLetters;
        this.offsets = offsets;
        this.lag = lag;
        this.topic = topic;
    }

    @KafkaListener(id = "job-events-projector", topics = "${jobstream.kafka.job-events-topic}", batch = "true")
    void onRecords(List<ConsumerRecord<String, CloudEvent>> records) {
        Timer.Sample sample = Timer.start();
        List<Span> traced = spans.start(records);
        try {
            batch.project(records);
            ProjectionSpans.end(traced, "applied", null);
            metrics.processed(records.size());
        } catch (RuntimeException e) {
            ProjectionSpans.end(traced, "failed", e);
            if (Failures.isTransient(e)) {
                throw e; // an outage: the error handler retries the batch, backing off, until it passes
            }
            log.warn("A batch of {} records failed for a reason other than an outage ({}); applying them one by one",
                    records.size(), e.toString());
            projectOneByOne(records);
        }
        sample.stop(metrics.batches());
        refresher.committed();
        records.stream()
                .map(ConsumerRecord::value)
                .filter(event -> event != null && event.getTime() != null)
                .map(event -> event.getTime().toInstant())
                .max(Comparator.naturalOrder())
                .ifPresent(lag::applied);
    }

    /** Each record in its own transaction; one the read models refuse is parked and skipped. */
    private void projectOneByOne(List<ConsumerRecord<String, CloudEvent>> records) {
        for (ConsumerRecord<String, CloudEvent> record : records) {
            List<Span> traced = spans.start(List.of(record));
            try {
                batch.project(List.of(record));
                ProjectionSpans.end(traced, "applied", null);
                metrics.processed(1);
            } catch (RuntimeException e) {
                if (Failures.isTransient(e) || !batch.storesAnswer()) {
                    ProjectionSpans.end(traced, "failed", e);
                    throw e; // the stores themselves are failing: not this record's fault
                }
                ProjectionSpans.end(traced, "parked", e);
                deadLetters.park(record, e);
                batch.skip(record);
                metrics.processed(1);
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<Integer, Long> stored = offsets.nextOffsets(topic);
        for (TopicPartition partition : assignments.keySet()) {
            long next = stored.getOrDefault(partition.partition(), 0L);
            callback.seek(partition.topic(), partition.partition(), next);
        }
        log.info("Assigned {}; resuming at the read model's positions {}", assignments.keySet(), stored);
    }
}

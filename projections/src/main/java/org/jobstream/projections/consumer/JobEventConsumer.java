package org.jobstream.projections.consumer;

import io.cloudevents.CloudEvent;
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
    private final String topic;

    JobEventConsumer(ProjectionBatch batch, ProjectionOffsets offsets,
                     @Value("${jobstream.kafka.job-events-topic}") String topic) {
        this.batch = batch;
        this.offsets = offsets;
        this.topic = topic;
    }

    @KafkaListener(id = "job-events-projector", topics = "${jobstream.kafka.job-events-topic}", batch = "true")
    void onRecords(List<ConsumerRecord<String, CloudEvent>> records) {
        batch.project(records);
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

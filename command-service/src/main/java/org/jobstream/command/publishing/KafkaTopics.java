package org.jobstream.command.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The job events topic: created at start-up when missing (Spring's KafkaAdmin). */
@Configuration
class KafkaTopics {

    /** Records up to 16 MiB: well above the largest event the command side accepts. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    @Bean
    NewTopic jobEventsTopic(@Value("${jobstream.kafka.job-events-topic}") String topic,
                            @Value("${jobstream.kafka.job-events-partitions}") int partitions,
                            @Value("${jobstream.kafka.replication-factor:1}") short replicationFactor,
                            @Value("${jobstream.kafka.min-insync-replicas:1}") int minInSyncReplicas) {
        // With acks=all, a write is acknowledged once min.insync.replicas copies have it: with a
        // replication factor of 3 and 2 here, one broker may die without losing or refusing writes.
        return TopicBuilder.name(topic).partitions(partitions).replicas(replicationFactor)
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas))
                .build();
    }
}

package org.jobstream.projections;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration
class ProjectionsConfig {

    /** Where unreadable events are parked. */
    @Bean
    NewTopic deadLetterTopic(@Value("${jobstream.kafka.dead-letter-topic}") String topic,
                             @Value("${jobstream.kafka.replication-factor:1}") short replicationFactor,
                             @Value("${jobstream.kafka.min-insync-replicas:1}") int minInSyncReplicas) {
        return TopicBuilder.name(topic).partitions(1).replicas(replicationFactor)
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas)).build();
    }

    /**
     * A batch that fails (PostgreSQL or Elasticsearch unavailable) is retried, backing off up to
     * 10 seconds between tries, for as long as it takes: the projections never skip an event.
     */
    @Bean
    DefaultErrorHandler projectionErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}

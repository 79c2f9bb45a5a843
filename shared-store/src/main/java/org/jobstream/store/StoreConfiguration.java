package org.jobstream.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The store's readers and writers, for every service that has a database. */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@ConditionalOnBean(JdbcClient.class)
public class StoreConfiguration {

    @Bean
    EventStoreHead eventStoreHead(JdbcClient jdbc) {
        return new EventStoreHead(jdbc);
    }

    @Bean
    EventStoreReader eventStoreReader(JdbcClient jdbc) {
        return new EventStoreReader(jdbc);
    }

    @Bean
    JobEvents jobEvents(JdbcClient jdbc) {
        return new JobEvents(jdbc);
    }

    @Bean
    CallerPositions callerPositions(JdbcClient jdbc) {
        return new CallerPositions(jdbc);
    }

    @Bean
    PublishProgress publishProgress(JdbcClient jdbc) {
        return new PublishProgress(jdbc);
    }

    @Bean
    ReadModelVisibility readModelVisibility(JdbcClient jdbc, EventStoreHead head,
                                            @Value("${jobstream.kafka.job-events-topic}") String topic) {
        return new ReadModelVisibility(jdbc, head, topic);
    }
}

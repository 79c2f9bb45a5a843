package org.jobstream.store;

import java.time.Duration;
import javax.sql.DataSource;
import org.jobstream.store.archive.ArchiveProperties;
import org.jobstream.store.archive.JobArchive;
import org.jobstream.store.archive.JobArchiver;
import org.jobstream.store.objects.ObjectStoreConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The store's readers and writers, for every service that has a database. */
@AutoConfiguration(after = {JdbcClientAutoConfiguration.class, ObjectStoreConfiguration.class})
@ConditionalOnBean(JdbcClient.class)
@EnableConfigurationProperties(ArchiveProperties.class)
public class StoreConfiguration {

    @Bean
    EventStoreHead eventStoreHead(JdbcClient jdbc) {
        return new EventStoreHead(jdbc);
    }

    @Bean
    JobArchive jobArchive(S3Client objectStoreClient, ArchiveProperties properties, JdbcClient jdbc) {
        return new JobArchive(objectStoreClient, properties, jdbc);
    }

    @Bean
    JobArchiver jobArchiver(DataSource dataSource, JobArchive archive, ReadModelVisibility visibility) {
        return new JobArchiver(dataSource, archive, visibility);
    }

    @Bean
    EventStoreReader eventStoreReader(JdbcClient jdbc, JobArchive archive) {
        return new EventStoreReader(jdbc, archive);
    }

    @Bean
    JobEvents jobEvents(JdbcClient jdbc, JobArchive archive) {
        return new JobEvents(jdbc, archive);
    }

    @Bean
    CallerPositions callerPositions(JdbcClient jdbc) {
        return new CallerPositions(jdbc);
    }

    /** Job submissions' idempotency keys, remembered for {@code jobstream.idempotency.keep} (24 h by default). */
    @Bean
    SubmissionKeys submissionKeys(JdbcClient jdbc, @Value("${jobstream.idempotency.keep:24h}") Duration keep) {
        return new SubmissionKeys(jdbc, keep);
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

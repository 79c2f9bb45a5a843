package org.jobstream.command.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.jobstream.command.store.AppendMetrics;
import org.jobstream.command.store.CommandSpans;
import org.jobstream.command.store.TracedEventStore;

/**
 * The event store in PostgreSQL, as Axon's Spring Boot support builds it but for one setting: the
 * Kafka publisher, its only reader, reads the store directly instead of through a shared cache of
 * the latest events. That cache (10,000 events) only pays off with several processors at the head
 * of the stream; here each cached event carries its own tracking token, and under concurrent
 * batched appends each token lists hundreds of in-flight positions (gaps), which filled the heap.
 * (Defining the store makes Axon's auto-configuration leave the storage engine to us too; it is
 * built as Axon builds it, with the default table names in the service's schema, but for the
 * snapshots' serialiser, see {@link JobSnapshots}.)
 */
@org.springframework.context.annotation.Configuration
class EventStoreConfig {

    static final int MAX_GAP_OFFSET = 10_000_000;
    static final int FETCH_SIZE = 1_000;

    /**
     * Gaps: a position below the newest one read whose event is not there (yet). Axon's defaults
     * give up on a gap after 60 s, or once 10,000 newer positions were read (well under a second at
     * full load): an event committed after that would never be published. Here a gap is kept for
     * {@code gap-timeout} and {@value #MAX_GAP_OFFSET} positions (ten minutes at the write path's
     * peak), and no transaction of this service can take that long: a gap lasts from the append
     * (one statement, which times out after {@code statement_timeout}, see application.yml) to the
     * commit right after it.
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          Configuration configuration, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          @Value("${jobstream.event-store.gap-timeout:10m}") Duration gapTimeout) {
        return JdbcEventStorageEngine.builder()
                // The publisher reads the store in pages of this size: Axon's 100 made it query the
                // store ten times for each batch it publishes.
                .batchSize(FETCH_SIZE)
                .gapTimeout((int) gapTimeout.toMillis())
                .maxGapOffset(MAX_GAP_OFFSET)
                .snapshotSerializer(JobSnapshots.serializer())
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  AppendMetrics appendMetrics, CommandSpans commandSpans) {
        EmbeddedEventStore store = new TracedEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false), commandSpans);
        store.registerDispatchInterceptor(appendMetrics.eventCounter());
        return store;
    }
}

package org.jobstream.command.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.jobstream.command.job.Job;
import org.jobstream.events.cloud.JobEventCodec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * Snapshots of jobs, so that loading a job (after a restart, or once the job cache dropped it) reads
 * its latest snapshot and the few events after it, not its whole history: a pilot heartbeating every
 * few minutes gives a job thousands of events within weeks.
 *
 * <ul>
 *   <li>A job is snapshotted once {@code jobstream.commands.snapshot-threshold} events were applied
 *       to it since it was loaded or last snapshotted (Axon's event-count trigger; a job loaded by
 *       replaying that many events is snapshotted right after the command that loaded it).</li>
 *   <li>Snapshots are taken on their own thread after the command's transaction committed, so no
 *       command waits for one; a job is snapshotted by one task at a time, and the queue holds at
 *       most one task a job.</li>
 *   <li>Snapshots are read strictly: a snapshot of another revision than {@link Job#SNAPSHOT_REVISION},
 *       or one that does not read back into a job of this version (unknown or missing properties,
 *       values of other types, another job), is ignored and the job replayed from its events; the
 *       next snapshot replaces it.</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration
class JobSnapshots {

    /**
     * The snapshots' serialiser: Jackson as for events, but refusing properties it does not know.
     * (Not a bean: a serialiser bean without a qualifier of Axon's would replace Axon's own.)
     */
    static Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(strictMapper())
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }

    static ObjectMapper strictMapper() {
        return JobEventCodec.defaultMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    }

    @Bean
    SnapshotTriggerDefinition jobSnapshotTrigger(Snapshotter snapshotter,
                                                 @Value("${jobstream.commands.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    SnapshotFilter jobSnapshotFilter() {
        return new ReadableSnapshotFilter(Job.class, Job.SNAPSHOT_REVISION, serializer());
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        // Unbounded queue, but at most one task a job: Axon's snapshotter skips a job whose snapshot is pending.
        return new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "job-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Axon's Spring snapshotter as its auto-configuration builds it, with its own thread instead of the command's. */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory, ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }
}

package org.jobstream.command.publishing;

import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jobstream.events.JobEvent;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every event of the event store to the job events topic, keyed by job ID, at least once
 * and in each job's order. It runs in a streaming processor that reads the event store, not in the
 * request thread: the processor's token (its position in the store) is committed only after Kafka
 * has acknowledged every record of the batch, so a crash between storing and publishing only
 * means publishing again.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final JdbcClient jdbc;
    private final AtomicLong highestSeen = new AtomicLong(-1);
    private final JobEventCodec codec = new JobEventCodec();
    private final String topic;
    private final long ackTimeoutSeconds;

    KafkaEventPublisher(KafkaTemplate<String, CloudEvent> kafka, JdbcClient jdbc,
                        @Value("${jobstream.kafka.job-events-topic}") String topic,
                        @Value("${jobstream.kafka.ack-timeout-seconds:30}") long ackTimeoutSeconds) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.topic = topic;
        this.ackTimeoutSeconds = ackTimeoutSeconds;
    }

    @EventHandler
    void on(JobEvent event, EventMessage<?> message, @SequenceNumber Long sequence, @Timestamp Instant time,
            TrackingToken token) {
        RecordedJobEvent recorded = new RecordedJobEvent(
                message.getIdentifier(), event, sequence, globalIndex(message.getIdentifier(), token), time);
        pendingSends().add(kafka.send(topic, Long.toString(event.jobId()), codec.encode(recorded)));
    }

    /**
     * The event's own position in the store. The token holds the highest position seen so far: an
     * event that moves it forward is at that position. One that does not (it committed late into a
     * gap), and the first one after a start, are looked up in the store.
     */
    private long globalIndex(String eventIdentifier, TrackingToken token) {
        long seen = token.position().orElseThrow();
        long before = highestSeen.getAndAccumulate(seen, Math::max);
        if (before >= 0 && seen > before) {
            return seen;
        }
        return jdbc.sql("SELECT globalindex FROM domainevententry WHERE eventidentifier = :id")
                .param("id", eventIdentifier).query(Long.class).single();
    }

    /** The sends of this batch; the batch's token commits only when all are acknowledged. */
    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            root.onPrepareCommit(u -> CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .orTimeout(ackTimeoutSeconds, TimeUnit.SECONDS)
                    .join());
            return sends;
        });
    }
}

package org.jobstream.command.publishing;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.OptionalLong;
import org.apache.kafka.clients.producer.RecordMetadata;
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
import org.jobstream.store.JobEvents;
import org.jobstream.tracing.TraceParent;
import org.jobstream.store.PublishProgress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes every event of the event store to the job events topic, keyed by job ID, at least once
 * and in each job's order. It runs in a streaming processor that reads the event store, not in the
 * request thread: the processor's token (its position in the store) is committed only after Kafka
 * has acknowledged every record of the batch, so a crash between storing and publishing only
 * means publishing again. In the same transaction it records the batch's progress (the token's
 * position and gaps, and the offsets its records reached on each partition): the query side
 * compares that with the projections' offsets to know what the read models include.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String BATCH = KafkaEventPublisher.class.getName() + ".batch";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final JobEvents events;
    private final PublishProgress progress;
    private final PublisherHealth health;
    private final PublishSpans spans;
    private final JobEventCodec codec = new JobEventCodec();
    private final String topic;
    private final long ackTimeoutSeconds;

    KafkaEventPublisher(KafkaTemplate<String, CloudEvent> kafka, JobEvents events, PublishProgress progress,
                        PublisherHealth health, PublishSpans spans,
                        @Value("${jobstream.kafka.job-events-topic}") String topic,
                        @Value("${jobstream.kafka.ack-timeout-seconds:30}") long ackTimeoutSeconds) {
        this.kafka = kafka;
        this.events = events;
        this.progress = progress;
        this.health = health;
        this.spans = spans;
        this.topic = topic;
        this.ackTimeoutSeconds = ackTimeoutSeconds;
    }

    @EventHandler
    void on(JobEvent event, EventMessage<?> message, @SequenceNumber Long sequence, @Timestamp Instant time,
            TrackingToken token) {
        Batch batch = batch();
        RecordedJobEvent recorded = new RecordedJobEvent(
                message.getIdentifier(), event, sequence, batch.globalIndex(message.getIdentifier(), token), time);
        TraceParent trace = TraceParent.parse((String) message.getMetaData().get(TraceParent.NAME)).orElse(null);
        Span span = spans.start(recorded, trace, topic);
        CompletableFuture<SendResult<String, CloudEvent>> send;
        try {
            send = kafka.send(topic, Long.toString(event.jobId()), codec.encode(recorded, PublishSpans.carried(span, trace)));
        } catch (RuntimeException e) {
            PublishSpans.sent(span, null, e);
            throw e;
        }
        if (span != null) {
            send.whenComplete((result, failure) ->
                    PublishSpans.sent(span, result == null ? null : result.getRecordMetadata(), failure));
        }
        batch.add(send, token, time);
    }

    /** The batch being published; its token commits only once Kafka acknowledged every record. */
    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            root.onPrepareCommit(u -> batch.complete());
            return batch;
        });
    }

    /** The sends of one batch, the token after its last event, and the time of its newest event. */
    private final class Batch {

        private final List<CompletableFuture<SendResult<String, CloudEvent>>> sends = new ArrayList<>();
        private TrackingToken last;
        private TokenPosition lastPosition;
        private Instant newest = Instant.EPOCH;

        /**
         * The event's own position in the store, from its token and the previous event's in this
         * batch: an event that moves the token forward is at the token's new position; one that
         * committed late, into a gap, is the one gap the previous token had and this one has not.
         * The first event of a batch, and any the tokens cannot tell, are looked up in the store:
         * under concurrent appends about half the events commit into gaps, and a query for each
         * was most of the publisher's time.
         */
        long globalIndex(String eventIdentifier, TrackingToken token) {
            TokenPosition now = TokenPosition.of(token);
            OptionalLong position = lastPosition == null ? OptionalLong.empty() : now.positionAfter(lastPosition);
            lastPosition = now;
            if (position.isPresent()) {
                return position.getAsLong();
            }
            return events.positionOf(eventIdentifier);
        }

        void add(CompletableFuture<SendResult<String, CloudEvent>> send, TrackingToken token, Instant time) {
            sends.add(send);
            last = token;
            if (time.isAfter(newest)) {
                newest = time;
            }
        }

        /** Waits for Kafka's acknowledgements, then records the progress they make. */
        void complete() {
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .orTimeout(ackTimeoutSeconds, TimeUnit.SECONDS)
                        .join();
            } catch (RuntimeException e) {
                health.failed(e.getCause() == null ? e : e.getCause());
                throw e;
            }
            Map<Integer, Long> nextOffsets = new HashMap<>();
            for (CompletableFuture<SendResult<String, CloudEvent>> send : sends) {
                RecordMetadata metadata = send.join().getRecordMetadata();
                nextOffsets.merge(metadata.partition(), metadata.offset() + 1, Math::max);
            }
            TokenPosition position = TokenPosition.of(last);
            progress.record(position.index(), position.gaps(), nextOffsets, newest);
            health.published(sends.size(), newest);
        }
    }
}

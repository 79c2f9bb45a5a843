package org.jobstream.command.publishing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.tracing.Spans;
import org.springframework.stereotype.Component;

/**
 * The publisher's spans, when the service exports spans: one per event put on the topic
 * ({@code publish JobSubmitted}), from the send until Kafka acknowledges it. The publisher runs
 * after the request, so the parent is the span the event's stored {@code traceparent} names (the
 * request's); the CloudEvent then carries the publish span, which the projections continue.
 * Events stored without a trace get no span.
 */
@Component
class PublishSpans {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("jobstream.job_id");
    static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("jobstream.event.sequence");
    static final AttributeKey<Long> POSITION = AttributeKey.longKey("jobstream.event.position");

    private final Spans spans;

    PublishSpans(Spans spans) {
        this.spans = spans;
    }

    /** The span of an event's publication, or {@code null} when there is none to make. */
    Span start(RecordedJobEvent recorded, TraceParent stored, String topic) {
        if (stored == null || !spans.exporting()) {
            return null;
        }
        Span span = spans.start("publish " + recorded.event().getClass().getSimpleName(), SpanKind.PRODUCER, stored);
        span.setAttribute(SYSTEM, "kafka");
        span.setAttribute(OPERATION, "send");
        span.setAttribute(DESTINATION, topic);
        span.setAttribute(MESSAGE_ID, recorded.id());
        span.setAttribute(KEY, Long.toString(recorded.jobId()));
        span.setAttribute(JOB_ID, recorded.jobId());
        span.setAttribute(SEQUENCE, recorded.sequence());
        span.setAttribute(POSITION, recorded.position());
        return span;
    }

    /** The trace context the CloudEvent carries: the publish span's, else the stored one. */
    static TraceParent carried(Span span, TraceParent stored) {
        return span == null ? stored : Spans.traceParent(span);
    }

    /** Ends the span once Kafka answered the send. */
    static void sent(Span span, RecordMetadata metadata, Throwable failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            Spans.failed(span, failure);
        } else if (metadata != null) {
            span.setAttribute(PARTITION, Integer.toString(metadata.partition()));
            span.setAttribute(OFFSET, metadata.offset());
        }
        span.end();
    }
}

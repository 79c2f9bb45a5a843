package org.jobstream.projections.consumer;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jobstream.events.JobEventType;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.tracing.Spans;
import org.springframework.stereotype.Component;

/**
 * The projections' spans, when the service exports spans: one per record applied
 * ({@code project JobSubmitted}), whose parent is the span its CloudEvent's {@code traceparent}
 * names (the publisher's, or the request's). The records of a batch are applied together, in one
 * transaction on PostgreSQL then one bulk request to Elasticsearch, so their spans share the
 * batch's time; a batch that fails marks its spans as errors, and the retry (the batch again, or its
 * records one by one) has spans of its own. Records without a trace get no span.
 */
@Component
class ProjectionSpans {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("jobstream.job_id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("jobstream.projection.outcome");

    private final Spans spans;

    ProjectionSpans(Spans spans) {
        this.spans = spans;
    }

    /** Starts the spans of the records about to be applied (none when spans are not exported). */
    List<Span> start(List<ConsumerRecord<String, CloudEvent>> records) {
        if (!spans.exporting()) {
            return List.of();
        }
        List<Span> started = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent event = record.value();
            TraceParent trace = event == null ? null : JobEventCodec.traceOf(event).orElse(null);
            if (trace == null) {
                continue;
            }
            Span span = spans.start("project " + eventName(event.getType()), SpanKind.CONSUMER, trace);
            span.setAttribute(SYSTEM, "kafka");
            span.setAttribute(OPERATION, "process");
            span.setAttribute(DESTINATION, record.topic());
            span.setAttribute(PARTITION, Integer.toString(record.partition()));
            span.setAttribute(OFFSET, record.offset());
            span.setAttribute(MESSAGE_ID, event.getId());
            span.setAttribute(BATCH_SIZE, (long) records.size());
            span.setAttribute(EVENT_TYPE, event.getType());
            if (event.getSubject() != null) {
                span.setAttribute(JOB_ID, event.getSubject());
            }
            started.add(span);
        }
        return started;
    }

    /** Ends spans with the outcome of their records: {@code applied}, {@code failed} or {@code parked}. */
    static void end(List<Span> started, String outcome, Throwable failure) {
        for (Span span : started) {
            span.setAttribute(OUTCOME, outcome);
            if (failure != null) {
                Spans.failed(span, failure);
            }
            span.end();
        }
    }

    /** The event's record name ({@code JobSubmitted}), or its CloudEvents type for an older version. */
    static String eventName(String cloudEventType) {
        return JobEventType.fromCloudEventType(cloudEventType)
                .map(type -> type.eventClass().getSimpleName())
                .orElse(cloudEventType);
    }
}

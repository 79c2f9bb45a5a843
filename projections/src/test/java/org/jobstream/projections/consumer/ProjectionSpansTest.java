package org.jobstream.projections.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.tracing.OtlpReceiver;
import org.jobstream.web.tracing.OtlpReceiver.ReceivedSpan;
import org.jobstream.web.tracing.OtlpSettings;
import org.jobstream.web.tracing.Spans;
import org.junit.jupiter.api.Test;

class ProjectionSpansTest {

    /** The publisher's span, as the CloudEvent names it. */
    private static final TraceParent PUBLISH =
            TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-eba60d14574da5fc-01").orElseThrow();
    private static final String TOPIC = "jobstream.job-events";

    private final JobEventCodec codec = new JobEventCodec();

    @Test
    void eachTracedRecordIsASpanChildOfItsCloudEventsTraceparent() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
             Spans spans = Spans.exportingTo(OtlpSettings.of(null, receiver.endpoint(), null).orElseThrow().exporter(),
                     "projections")) {
            List<ConsumerRecord<String, CloudEvent>> records = List.of(record(7, 41, PUBLISH), record(8, 42, null));

            List<Span> started = new ProjectionSpans(spans).start(records);
            ProjectionSpans.end(started, "applied", null);
            spans.flush(10, TimeUnit.SECONDS);

            assertThat(started).as("a record without a trace has no span").hasSize(1);
            ReceivedSpan span = receiver.span("project JobSubmitted");
            assertThat(span.service()).isEqualTo("projections");
            assertThat(span.kind()).isEqualTo("CONSUMER");
            assertThat(span.traceId()).isEqualTo(PUBLISH.traceId());
            assertThat(span.parentSpanId()).isEqualTo(PUBLISH.parentId());
            assertThat(span.attributes()).containsEntry("messaging.destination.name", TOPIC)
                    .containsEntry("messaging.destination.partition.id", "3")
                    .containsEntry("messaging.kafka.offset", "41")
                    .containsEntry("messaging.batch.message_count", "2")
                    .containsEntry("cloudevents.event_type", "org.jobstream.job.submitted.v1")
                    .containsEntry("jobstream.job_id", "7")
                    .containsEntry("jobstream.projection.outcome", "applied");
            assertThat(span.error()).isFalse();
            receiver.spans().forEach(System.out::println);
        }
    }

    @Test
    void aFailedBatchMarksItsSpansAsErrors() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
             Spans spans = Spans.exportingTo(OtlpSettings.of(null, receiver.endpoint(), null).orElseThrow().exporter(),
                     "projections")) {
            ProjectionSpans.end(new ProjectionSpans(spans).start(List.of(record(7, 41, PUBLISH))), "failed",
                    new IllegalStateException("index refused the document"));
            spans.flush(10, TimeUnit.SECONDS);

            ReceivedSpan span = receiver.span("project JobSubmitted");
            assertThat(span.error()).isTrue();
            assertThat(span.attributes()).containsEntry("jobstream.projection.outcome", "failed");
        }
    }

    @Test
    void withoutExportNoSpanIsMade() {
        assertThat(new ProjectionSpans(Spans.off()).start(List.of(record(7, 41, PUBLISH)))).isEmpty();
    }

    @Test
    void anOlderEventVersionIsNamedByItsType() {
        assertThat(ProjectionSpans.eventName("org.jobstream.job.submitted.v1")).isEqualTo("JobSubmitted");
        assertThat(ProjectionSpans.eventName("org.jobstream.job.heartbeat-received.v1"))
                .isEqualTo("org.jobstream.job.heartbeat-received.v1");
    }

    private ConsumerRecord<String, CloudEvent> record(long jobId, long offset, TraceParent trace) {
        JobSubmitted event = new JobSubmitted(jobId, "alice", "lhcb_user", "lhcb", "job", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", Instant.EPOCH, "[ ]", List.of(), List.of());
        CloudEvent cloudEvent = codec.encode(new RecordedJobEvent("event-" + jobId, event, 0, offset, Instant.EPOCH), trace);
        return new ConsumerRecord<>(TOPIC, 3, offset, Long.toString(jobId), cloudEvent);
    }
}

package org.jobstream.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.jobstream.command.job.Job;
import org.jobstream.command.job.JobSubmissionHandler;
import org.jobstream.command.store.CommandSpans;
import org.jobstream.command.store.TracedEventStore;
import org.jobstream.commands.SubmitJob;
import org.jobstream.commands.SubmitJobs;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.TraceContextFilter;
import org.jobstream.web.tracing.OtlpReceiver;
import org.jobstream.web.tracing.OtlpReceiver.ReceivedSpan;
import org.jobstream.web.tracing.OtlpSettings;
import org.jobstream.web.tracing.Spans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One submission's spans in the command service, exported to an OTLP receiver: the request, its
 * command and the append of its events (the service's own filter, command interceptor and event
 * store, with Axon in memory), then the publication of the stored event as the publisher does it.
 */
class SubmissionTraceTest {

    private static final TraceParent CALLER =
            TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
    private static final String TOPIC = "jobstream.job-events";

    private OtlpReceiver receiver;
    private Spans spans;

    @BeforeEach
    void exportToAReceiver() throws Exception {
        receiver = new OtlpReceiver();
        spans = Spans.exportingTo(OtlpSettings.of(null, receiver.endpoint(), null).orElseThrow().exporter(),
                "command-service");
    }

    @AfterEach
    void stop() {
        spans.close();
        receiver.close();
    }

    @Test
    void aSubmissionsSpansGoFromTheRequestThroughItsCommandAndAppendToThePublish() throws Exception {
        CommandSpans commandSpans = new CommandSpans(spans);
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        EmbeddedEventStore store = new TracedEventStore(EmbeddedEventStore.builder().storageEngine(storage), commandSpans);
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(commandSpans.commandSpan());
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(List.of(new SimpleCorrelationDataProvider(TraceParent.NAME))));
        // A submission without an idempotency key: the handler never asks the key store.
        new AnnotationCommandHandlerAdapter<>(new JobSubmissionHandler(
                EventSourcingRepository.builder(Job.class).eventStore(store).build(), null)).subscribe(bus);

        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/jobs/jdl");
        request.addHeader(TraceParent.NAME, CALLER.toString());
        MockHttpServletResponse response = new MockHttpServletResponse();
        new TraceContextFilter(spans).doFilter(request, response, (req, res) -> {
            req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/jobs/jdl");
            // as the command bus's dispatch interceptor does: the request's span in the command's metadata
            TraceParent requestSpan = (TraceParent) req.getAttribute(TraceContextFilter.ATTRIBUTE);
            FutureCallback<Object, Object> result = new FutureCallback<>();
            bus.dispatch(GenericCommandMessage.asCommandMessage(new SubmitJobs(List.of(submitJob(7))))
                    .andMetaData(Map.of(TraceParent.NAME, requestSpan.toString())), result);
            CommandResultMessage<?> answer = result.getResult();
            assertThat(answer.optionalExceptionResult()).isEmpty();
            ((HttpServletResponse) res).setStatus(201);
        });

        // the publisher, later: the stored event's trace is the parent of its publish span
        TrackedEventMessage<?> stored = storage.readEvents(null, false).findFirst().orElseThrow();
        TraceParent storedTrace = TraceParent.parse((String) stored.getMetaData().get(TraceParent.NAME)).orElseThrow();
        RecordedJobEvent recorded = new RecordedJobEvent(stored.getIdentifier(), (JobSubmitted) stored.getPayload(),
                0, 1, stored.getTimestamp());
        PublishSpans publishSpans = new PublishSpans(spans);
        Span publish = publishSpans.start(recorded, storedTrace, TOPIC);
        CloudEvent cloudEvent = new JobEventCodec().encode(recorded, PublishSpans.carried(publish, storedTrace));
        PublishSpans.sent(publish, new RecordMetadata(new TopicPartition(TOPIC, 3), 41, 0, 0L, 0, 0), null);
        spans.flush(10, TimeUnit.SECONDS);

        receiver.spans().forEach(System.out::println);
        ReceivedSpan server = receiver.span("POST /api/jobs/jdl");
        ReceivedSpan command = receiver.span("SubmitJobs");
        ReceivedSpan append = receiver.span("append events");
        ReceivedSpan published = receiver.span("publish JobSubmitted");
        assertThat(List.of(server, command, append, published)).allSatisfy(span -> {
            assertThat(span.traceId()).isEqualTo(CALLER.traceId());
            assertThat(span.service()).isEqualTo("command-service");
        });
        assertThat(server.parentSpanId()).isEqualTo(CALLER.parentId());
        assertThat(command.parentSpanId()).isEqualTo(server.spanId());
        assertThat(command.attributes()).containsEntry("jobstream.command.outcome", "committed");
        assertThat(append.parentSpanId()).isEqualTo(command.spanId());
        assertThat(append.attributes()).containsEntry("jobstream.events.count", "1")
                .containsEntry("jobstream.events.types", "[JobSubmitted]");
        assertThat(storedTrace.parentId()).as("the event keeps the request's span").isEqualTo(server.spanId());
        assertThat(published.parentSpanId()).isEqualTo(server.spanId());
        assertThat(published.kind()).isEqualTo("PRODUCER");
        assertThat(published.attributes()).containsEntry("messaging.destination.name", TOPIC)
                .containsEntry("messaging.kafka.message.key", "7")
                .containsEntry("messaging.destination.partition.id", "3")
                .containsEntry("messaging.kafka.offset", "41");
        assertThat(JobEventCodec.traceOf(cloudEvent)).get().extracting(TraceParent::parentId)
                .as("the CloudEvent carries the publish span").isEqualTo(published.spanId());
    }

    @Test
    void withoutExportTheCloudEventCarriesTheStoredTrace() {
        RecordedJobEvent recorded = new RecordedJobEvent("e", submitted(7), 0, 1, Instant.EPOCH);

        Span publish = new PublishSpans(Spans.off()).start(recorded, CALLER, TOPIC);

        assertThat(publish).isNull();
        assertThat(PublishSpans.carried(publish, CALLER)).isEqualTo(CALLER);
    }

    private static SubmitJob submitJob(long jobId) {
        return new SubmitJob(jobId, "alice", "lhcb_user", "lhcb", "job", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", Instant.parse("2026-12-01T10:00:00Z"),
                "[ Executable = \"echo\"; ]", List.of(), List.of());
    }

    private static JobSubmitted submitted(long jobId) {
        return new JobSubmitted(jobId, "alice", "lhcb_user", "lhcb", "job", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", Instant.EPOCH, "[ ]", List.of(), List.of());
    }
}

package org.jobstream.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.util.concurrent.TimeUnit;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.tracing.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.Test;

class SpansTest {

    private static final TraceParent CALLER =
            TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();

    @Test
    void withoutAnEndpointThereIsNoExporterAndNoThread() {
        long exportThreads = exportThreads();
        Spans spans = TracingConfiguration.spans("command-service", OtlpSettings.of("", "", "").orElse(null));

        assertThat(spans.exporting()).isFalse();
        Span span = spans.start("POST", SpanKind.SERVER, CALLER);
        assertThat(span.isRecording()).isFalse();
        span.end();
        assertThat(exportThreads()).isLessThanOrEqualTo(exportThreads);
    }

    private static long exportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains("BatchSpanProcessor")).count();
    }

    @Test
    void withoutExportASpanIsStillANewSpanInItsParentsTrace() {
        Span span = Spans.off().start("POST", SpanKind.SERVER, CALLER);

        TraceParent own = Spans.traceParent(span);
        assertThat(own.traceId()).isEqualTo(CALLER.traceId());
        assertThat(own.parentId()).isNotEqualTo(CALLER.parentId());
        assertThat(Spans.traceParent(Spans.off().start("POST", SpanKind.SERVER, (TraceParent) null)).traceId())
                .isNotEqualTo(CALLER.traceId());
    }

    /** With them, Spring Boot's actuator would build an SDK of its own, with a log batch thread. */
    @Test
    void theSdksLogAndMetricPartsAreNotOnTheClassPath() {
        for (String absent : new String[]{"io.opentelemetry.sdk.OpenTelemetrySdk",
                "io.opentelemetry.sdk.logs.SdkLoggerProvider", "io.opentelemetry.sdk.metrics.SdkMeterProvider"}) {
            assertThatThrownBy(() -> Class.forName(absent)).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void spansAreExportedOverOtlpWithTheServiceNameAndTheirParents() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Spans spans = TracingConfiguration.spans("query-service",
                    OtlpSettings.of(null, receiver.endpoint(), "api-key=secret").orElseThrow());
            try {
                assertThat(spans.exporting()).isTrue();
                Span outer = spans.start("outer", SpanKind.CONSUMER, CALLER);
                Span inner = spans.start("inner", SpanKind.INTERNAL, outer);
                Spans.failed(inner, new IllegalStateException("boom"));
                inner.end();
                outer.end();
                spans.flush(10, TimeUnit.SECONDS);

                ReceivedSpan received = receiver.span("outer");
                assertThat(received.service()).isEqualTo("query-service");
                assertThat(received.kind()).isEqualTo("CONSUMER");
                assertThat(received.traceId()).isEqualTo(CALLER.traceId());
                assertThat(received.parentSpanId()).isEqualTo(CALLER.parentId());
                assertThat(received.spanId()).isEqualTo(Spans.traceParent(outer).parentId());
                assertThat(receiver.span("inner").parentSpanId()).isEqualTo(received.spanId());
                assertThat(receiver.span("inner").error()).isTrue();
                assertThat(receiver.contentTypes()).allMatch(type -> type.equals("application/x-protobuf"));
            } finally {
                spans.close();
            }
        }
    }
}

package org.jobstream.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import org.jobstream.tracing.TraceParent;
import org.junit.jupiter.api.Test;

class SpanContextsTest {

    @Test
    void aTraceParentBecomesTheSameRemoteSpanContextAndBack() {
        TraceParent trace = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();

        SpanContext context = SpanContexts.of(trace);

        assertThat(context.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.isSampled()).isTrue();
        assertThat(context.isRemote()).isTrue();
        assertThat(SpanContexts.traceParent(context)).contains(trace);
    }

    @Test
    void theSampledFlagIsKeptEitherWay() {
        TraceParent notSampled = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow();

        assertThat(SpanContexts.of(notSampled).isSampled()).isFalse();
        assertThat(SpanContexts.traceParent(SpanContexts.of(notSampled))).get()
                .hasToString("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }

    @Test
    void theInvalidContextNamesNoSpan() {
        assertThat(SpanContexts.traceParent(SpanContext.getInvalid())).isEmpty();
    }
}

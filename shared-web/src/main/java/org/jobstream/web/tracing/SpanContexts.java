package org.jobstream.web.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.Optional;
import org.jobstream.tracing.TraceParent;

/**
 * The one conversion between a {@link TraceParent} (the W3C header Jobstream carries in requests,
 * events' metadata and CloudEvents) and OpenTelemetry's span context. The header's format stays in
 * {@link TraceParent}; {@code tracestate} is not carried.
 */
public final class SpanContexts {

    private SpanContexts() {
    }

    /** The span a {@code traceparent} names, as the remote parent of spans that follow it. */
    public static SpanContext of(TraceParent trace) {
        return SpanContext.createFromRemoteParent(trace.traceId(), trace.parentId(),
                TraceFlags.fromHex(trace.flags(), 0), TraceState.getDefault());
    }

    /** The {@code traceparent} naming a span; empty for the invalid context (no span at all). */
    public static Optional<TraceParent> traceParent(SpanContext context) {
        if (!context.isValid()) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(context.getTraceId(), context.getSpanId(), context.getTraceFlags().asHex()));
    }
}

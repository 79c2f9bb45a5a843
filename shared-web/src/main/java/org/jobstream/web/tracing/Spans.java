package org.jobstream.web.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jobstream.tracing.TraceParent;

/**
 * The spans of one service. When it exports ({@link #exportingTo}), spans are recorded with
 * OpenTelemetry's SDK and sent in batches by one background thread; a trace's sampling decision is
 * its first span's (parent-based: a caller's {@code traceparent} flagged not sampled is followed).
 * When it does not ({@link #off()}), no SDK exists: {@link #start} only names a new span in the
 * parent's trace (what a request's answer and its events carry) and records nothing, and callers
 * that would build several spans check {@link #exporting()} first.
 */
public final class Spans implements AutoCloseable {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");
    private static final String INSTRUMENTATION = "org.jobstream";

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Spans(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get(INSTRUMENTATION);
    }

    /** Records nothing: spans are only named, for the trace context passed on. */
    public static Spans off() {
        return new Spans(null);
    }

    /**
     * Records spans and exports them in batches, each with the resource attribute
     * {@code service.name} (and a {@code service.instance.id} of this process).
     */
    public static Spans exportingTo(SpanExporter exporter, String serviceName) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                SERVICE_NAME, serviceName, SERVICE_INSTANCE_ID, UUID.randomUUID().toString())));
        return new Spans(SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build());
    }

    /** Whether spans are recorded and exported. */
    public boolean exporting() {
        return provider != null;
    }

    /**
     * Starts a span whose parent is the span a {@code traceparent} names (from a request, an
     * event's metadata, a CloudEvent); {@code null}: the first span of a new trace.
     */
    public Span start(String name, SpanKind kind, TraceParent parent) {
        if (tracer == null) {
            return Span.wrap(SpanContexts.of(parent == null ? TraceParent.newTrace() : parent.child()));
        }
        Context context = parent == null ? Context.root() : Context.root().with(Span.wrap(SpanContexts.of(parent)));
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(context).startSpan();
    }

    /** Starts a span whose parent is a span of this service. */
    public Span start(String name, SpanKind kind, Span parent) {
        if (tracer == null) {
            return start(name, kind, traceParent(parent));
        }
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(Context.root().with(parent)).startSpan();
    }

    /** The {@code traceparent} that names a span started here. */
    public static TraceParent traceParent(Span span) {
        return SpanContexts.traceParent(span.getSpanContext())
                .orElseThrow(() -> new IllegalArgumentException("Not a span: " + span));
    }

    /** Marks a span failed by an exception, which it records (type, message, stack trace). */
    public static void failed(Span span, Throwable failure) {
        if (span.isRecording()) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            span.recordException(failure);
        }
    }

    /** Exports the spans ended so far, waiting at most that long. */
    public void flush(long timeout, TimeUnit unit) {
        if (provider != null) {
            provider.forceFlush().join(timeout, unit);
        }
    }

    /** Exports the spans still queued and stops the export thread. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}

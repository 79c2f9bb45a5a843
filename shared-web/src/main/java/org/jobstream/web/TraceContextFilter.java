package org.jobstream.web;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.tracing.Spans;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The W3C trace context of every request: the caller's {@code traceparent} when it sends a valid
 * one, else a new trace. This service's span is a child of it; the request keeps it (attribute
 * {@link #ATTRIBUTE}) for what the request causes (its commands carry it to their events), the
 * logs name its trace ({@code trace_id} in the MDC), and the answer's {@code traceparent} header
 * tells the caller which trace to look for. When the service exports spans, that span is the HTTP
 * server span, named by method and route ({@code POST /api/jobs/jdl}) and ended with the answer's
 * status (for a streamed answer, when the stream ends).
 */
public final class TraceContextFilter extends OncePerRequestFilter {

    /** The request attribute holding this request's span ({@link TraceParent}). */
    public static final String ATTRIBUTE = TraceContextFilter.class.getName() + ".span";
    static final String MDC_KEY = "trace_id";

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Spans spans;

    public TraceContextFilter(Spans spans) {
        this.spans = spans;
    }

    /** The span of the request being served on this thread, if any. */
    public static Optional<TraceParent> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? Optional.empty()
                : Optional.ofNullable((TraceParent) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = spans.start(request.getMethod(), SpanKind.SERVER,
                TraceParent.parse(request.getHeader(TraceParent.NAME)).orElse(null));
        TraceParent own = Spans.traceParent(span);
        request.setAttribute(ATTRIBUTE, own);
        response.setHeader(TraceParent.NAME, own.toString());
        MDC.put(MDC_KEY, own.traceId());
        try (Scope scope = span.makeCurrent()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Spans.failed(span, e);
            end(span, request, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            throw e;
        } finally {
            MDC.remove(MDC_KEY);
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new EndWhenAnswered(span, request, response));
        } else {
            end(span, request, response.getStatus());
        }
    }

    /** Names the span by its route (known once a handler matched) and ends it with the status. */
    private static void end(Span span, HttpServletRequest request, int status) {
        if (span.isRecording()) {
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            span.updateName(route == null ? request.getMethod() : request.getMethod() + " " + route);
            span.setAttribute(METHOD, request.getMethod());
            if (route != null) {
                span.setAttribute(ROUTE, route.toString());
            }
            span.setAttribute(PATH, request.getRequestURI());
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        }
        span.end();
    }

    /** Ends the span of an answer that goes on after the filter (a stream) when it is complete. */
    private static final class EndWhenAnswered implements AsyncListener {

        private final Span span;
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        EndWhenAnswered(Span span, HttpServletRequest request, HttpServletResponse response) {
            this.span = span;
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end(span, request, response.getStatus());
        }

        @Override
        public void onError(AsyncEvent event) {
            if (event.getThrowable() != null) {
                Spans.failed(span, event.getThrowable());
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}

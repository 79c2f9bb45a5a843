package org.jobstream.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jobstream.tracing.TraceParent;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The W3C trace context of every request: the caller's {@code traceparent} when it sends a valid
 * one, else a new trace. This service's span is a child of it; the request keeps it (attribute
 * {@link #ATTRIBUTE}) for what the request causes (its commands carry it to their events), the
 * logs name its trace ({@code trace_id} in the MDC), and the answer's {@code traceparent} header
 * tells the caller which trace to look for.
 */
public final class TraceContextFilter extends OncePerRequestFilter {

    /** The request attribute holding this request's span ({@link TraceParent}). */
    public static final String ATTRIBUTE = TraceContextFilter.class.getName() + ".span";
    static final String MDC_KEY = "trace_id";

    /** The span of the request being served on this thread, if any. */
    public static Optional<TraceParent> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? Optional.empty()
                : Optional.ofNullable((TraceParent) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceParent span = TraceParent.parse(request.getHeader(TraceParent.NAME))
                .map(TraceParent::child)
                .orElseGet(TraceParent::newTrace);
        request.setAttribute(ATTRIBUTE, span);
        response.setHeader(TraceParent.NAME, span.toString());
        MDC.put(MDC_KEY, span.traceId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}

package org.jobstream.command.store;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jobstream.command.job.Refusals;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.tracing.Spans;
import org.springframework.stereotype.Component;

/**
 * The append stage's spans, when the service exports spans: each command handled, from its
 * handler's start until its unit of work commits or rolls back (named by the command, e.g.
 * {@code SubmitJob}; its parent is the request span its {@code traceparent} metadata names), and
 * inside it the append of its events to the event store ({@code append events}). The command's
 * outcome is an attribute, as in {@link AppendMetrics}: a refusal by the rules is the caller's
 * error, not the service's, so only {@code failed} marks the span as an error.
 */
@Component
public class CommandSpans {

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("jobstream.command.outcome");
    static final AttributeKey<Long> EVENT_COUNT = AttributeKey.longKey("jobstream.events.count");
    static final AttributeKey<List<String>> EVENT_TYPES = AttributeKey.stringArrayKey("jobstream.events.types");
    private static final String SPAN = CommandSpans.class.getName() + ".span";

    private final Spans spans;

    public CommandSpans(Spans spans) {
        this.spans = spans;
    }

    /** For the command bus: a span around each command. */
    public MessageHandlerInterceptor<CommandMessage<?>> commandSpan() {
        return this::traceCommand;
    }

    /**
     * Runs the event store's append of a unit of work's events in a span, child of the span of the
     * command whose events they are (none for events appended outside a command).
     */
    public void appending(List<? extends EventMessage<?>> events, Runnable append) {
        Span command = null;
        if (CurrentUnitOfWork.isStarted()) {
            command = CurrentUnitOfWork.get().root().getResource(SPAN);
        }
        if (command == null) {
            append.run();
            return;
        }
        Span span = spans.start("append events", SpanKind.INTERNAL, command);
        span.setAttribute(EVENT_COUNT, (long) events.size());
        span.setAttribute(EVENT_TYPES, events.stream().map(e -> e.getPayloadType().getSimpleName()).distinct().toList());
        try {
            append.run();
        } catch (RuntimeException e) {
            Spans.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private Object traceCommand(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (!spans.exporting()) {
            return chain.proceed();
        }
        CommandMessage<?> command = unitOfWork.getMessage();
        Object trace = command.getMetaData().get(TraceParent.NAME);
        Span span = spans.start(command.getPayloadType().getSimpleName(), SpanKind.INTERNAL,
                trace == null ? null : TraceParent.parse(trace.toString()).orElse(null));
        unitOfWork.root().resources().put(SPAN, span);
        unitOfWork.afterCommit(u -> span.setAttribute(OUTCOME, "committed"));
        unitOfWork.onRollback(u -> {
            Throwable failure = u.getExecutionResult() == null ? null : u.getExecutionResult().getExceptionResult();
            if (failure != null && Refusals.isRefusal(failure)) {
                span.setAttribute(OUTCOME, "refused");
            } else {
                span.setAttribute(OUTCOME, "failed");
                if (failure != null) {
                    Spans.failed(span, failure);
                } else {
                    span.setStatus(StatusCode.ERROR);
                }
            }
        });
        unitOfWork.onCleanup(u -> span.end());
        try (Scope scope = span.makeCurrent()) {
            return chain.proceed();
        }
    }
}

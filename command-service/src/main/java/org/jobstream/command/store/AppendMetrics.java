package org.jobstream.command.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jobstream.command.job.Refusals;
import org.springframework.stereotype.Component;

/**
 * The append stage's metrics: each command's time from its handler's start to the commit of its
 * events in the event store ({@value #COMMANDS}, by command and outcome: {@code committed},
 * {@code refused} by the rules, {@code failed} otherwise, e.g. a lost race that the gateway retries)
 * and the events committed to the store ({@value #EVENTS}, by event type): the write rate.
 */
@Component
public class AppendMetrics {

    public static final String COMMANDS = "jobstream.commands";
    public static final String EVENTS = "jobstream.events.appended";

    private final MeterRegistry registry;

    AppendMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For the command bus: times each command until its unit of work commits or rolls back. */
    public MessageHandlerInterceptor<CommandMessage<?>> commandTimer() {
        return this::timeCommand;
    }

    /** For the event store: counts the events once the unit of work that appends them commits. */
    public MessageDispatchInterceptor<EventMessage<?>> eventCounter() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                Map<String, Long> byType = messages.stream()
                        .collect(Collectors.groupingBy(m -> m.getPayloadType().getSimpleName(), Collectors.counting()));
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().afterCommit(u -> count(byType));
                } else {
                    count(byType);
                }
                return (index, message) -> message;
            }
        };
    }

    private Object timeCommand(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        long start = System.nanoTime();
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.afterCommit(u -> record(command, "committed", start));
        unitOfWork.onRollback(u -> {
            Throwable failure = u.getExecutionResult() == null ? null : u.getExecutionResult().getExceptionResult();
            record(command, failure != null && Refusals.isRefusal(failure) ? "refused" : "failed", start);
        });
        return chain.proceed();
    }

    private void record(String command, String outcome, long start) {
        Timer.builder(COMMANDS)
                .description("Commands from their handler's start to the commit of their events in the event store")
                .tag("command", command)
                .tag("outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private void count(Map<String, Long> byType) {
        byType.forEach((type, n) -> Counter.builder(EVENTS)
                .description("Events committed to the event store")
                .tag("type", type)
                .register(registry)
                .increment(n));
    }
}

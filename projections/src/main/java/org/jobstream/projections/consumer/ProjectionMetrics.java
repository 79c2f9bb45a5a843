package org.jobstream.projections.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The project stage's metrics, beside the lag gauges of {@link ProjectionLag}: the events the
 * projections got past ({@value #EVENTS}: applied to the read models, or parked), the time a batch
 * takes ({@value #BATCHES}), the events parked as dead letters ({@value #PARKED}) and those still
 * unresolved ({@value #UNRESOLVED}, the same count for every instance: the read model's).
 */
@Component
class ProjectionMetrics {

    static final String EVENTS = "jobstream.projection.events";
    static final String BATCHES = "jobstream.projection.batches";
    static final String PARKED = "jobstream.projection.dead_letters.parked";
    static final String UNRESOLVED = "jobstream.projection.dead_letters.unresolved";

    private final Counter events;
    private final Timer batches;
    private final Counter parked;

    ProjectionMetrics(MeterRegistry registry, DeadLetterLog deadLetters) {
        this.events = Counter.builder(EVENTS)
                .description("Job events the projections got past: applied to the read models, or parked as dead letters").register(registry);
        this.batches = Timer.builder(BATCHES).description("Time to apply a batch of job events to the read models")
                .register(registry);
        this.parked = Counter.builder(PARKED).description("Job events the read models could not apply, parked as dead letters")
                .register(registry);
        Gauge.builder(UNRESOLVED, deadLetters, DeadLetterLog::unresolvedCount)
                .description("Dead letters nobody has applied since (./jobstream dead-letters)")
                .register(registry);
    }

    Timer batches() {
        return batches;
    }

    void processed(int count) {
        events.increment(count);
    }

    void parked() {
        parked.increment();
    }
}

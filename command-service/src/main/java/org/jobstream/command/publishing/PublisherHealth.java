package org.jobstream.command.publishing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the publisher gets its batches onto Kafka. A batch that fails is retried (the processor
 * backs off) and the publisher's position stays before it; this makes that visible: the health
 * endpoint's {@code publisher} component is down while batches have been failing for longer than a
 * moment, and the metrics count every failure ({@value #FAILURES}) and show whether it is failing
 * now ({@value #FAILING}).
 */
@Component("publisherHealthIndicator")
class PublisherHealth implements HealthIndicator {

    static final String FAILURES = "jobstream.publisher.failures";
    static final String FAILING = "jobstream.publisher.failing";
    static final String EVENTS = "jobstream.publisher.events";
    static final String DELAY = "jobstream.publisher.delay";
    /** Failures shorter than this (a broker's leader moving) do not make the service unhealthy. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Counter failures;
    private final Counter events;
    private final Timer delay;
    private volatile Instant lastPublished;
    private volatile Instant failingSince;
    private volatile String lastError;

    PublisherHealth(MeterRegistry registry) {
        this.failures = Counter.builder(FAILURES).description("Batches the publisher failed to put on Kafka (each retried)")
                .register(registry);
        Gauge.builder(FAILING, this, health -> health.failingSince == null ? 0 : 1)
                .description("1 while the publisher's batches fail, 0 otherwise").register(registry);
        this.events = Counter.builder(EVENTS).description("Events the publisher put on Kafka (acknowledged)")
                .register(registry);
        this.delay = Timer.builder(DELAY)
                .description("Age of a batch's newest event when Kafka acknowledged the batch: appended to published")
                .register(registry);
    }

    /** A batch of {@code count} events, the newest appended at {@code newest}, is on Kafka. */
    void published(int count, Instant newest) {
        Instant now = Instant.now();
        lastPublished = now;
        failingSince = null;
        events.increment(count);
        if (count > 0 && newest.isAfter(Instant.EPOCH)) {
            delay.record(Duration.between(newest, now).isNegative() ? Duration.ZERO : Duration.between(newest, now));
        }
    }

    void failed(Throwable error) {
        failures.increment();
        lastError = String.valueOf(error.getMessage());
        if (failingSince == null) {
            failingSince = Instant.now();
        }
    }

    @Override
    public Health health() {
        Instant since = failingSince;
        Health.Builder health = since != null && since.plus(GRACE).isBefore(Instant.now()) ? Health.down() : Health.up();
        if (lastPublished != null) {
            health.withDetail("lastPublished", lastPublished.toString());
        }
        if (since != null) {
            health.withDetail("failingSince", since.toString()).withDetail("lastError", lastError);
        }
        return health.build();
    }
}

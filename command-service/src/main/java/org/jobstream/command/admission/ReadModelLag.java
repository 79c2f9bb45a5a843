package org.jobstream.command.admission;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jobstream.store.CallerPositions;
import org.jobstream.store.EventStoreHead;
import org.jobstream.store.PublishProgress;
import org.jobstream.store.ReadModelVisibility;
import org.jobstream.store.ReadModelVisibility.Visible;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far the read models are behind the event store, measured every {@code interval}: the age of
 * the oldest event they do not include yet (0 when they include every event). Exposed as the gauge
 * {@value #GAUGE}; {@link WriteAdmission} refuses writes while it is above the bound. Once a
 * minute it also forgets the bookkeeping of positions the read models are well past.
 */
@Component
public class ReadModelLag implements InitializingBean, DisposableBean {

    static final String GAUGE = "jobstream.read_models.lag.seconds";
    private static final Logger log = LoggerFactory.getLogger(ReadModelLag.class);
    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final EventStoreHead head;
    private final ReadModelVisibility visibility;
    private final PublishProgress progress;
    private final CallerPositions callers;
    private final Duration interval;
    private volatile Duration lag = Duration.ZERO;
    private volatile boolean measured;
    private Instant lastForget = Instant.EPOCH;
    private ScheduledExecutorService scheduler;

    ReadModelLag(EventStoreHead head, ReadModelVisibility visibility, PublishProgress progress,
                 CallerPositions callers, MeterRegistry registry,
                 @Value("${jobstream.admission.lag-interval:250ms}") Duration interval) {
        this.head = head;
        this.visibility = visibility;
        this.progress = progress;
        this.callers = callers;
        this.interval = interval;
        Gauge.builder(GAUGE, this, l -> l.lag.toMillis() / 1000.0)
                .description("Age of the oldest event the read models do not include yet (0 when they include all)")
                .baseUnit("seconds")
                .register(registry);
    }

    /** The lag at the last measurement; zero until the first one. */
    public Duration current() {
        return lag;
    }

    @Override
    public void afterPropertiesSet() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-lag");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    void measure() {
        try {
            Visible visible = visibility.current();
            Instant now = Instant.now();
            // Before the publisher's first batch (a new store, or one from before this bookkeeping)
            // nothing is known: then nothing is refused, or no write could ever make it known.
            lag = visible.position() == 0 ? Duration.ZERO : head.timeOfFirstAfter(visible.position())
                    .map(oldestMissing -> oldestMissing.isBefore(now) ? Duration.between(oldestMissing, now) : Duration.ZERO)
                    .orElse(Duration.ZERO);
            if (!measured) {
                measured = true;
                log.info("Read models include the event store up to position {} (lag {} ms)", visible.position(), lag.toMillis());
            }
            if (now.isAfter(lastForget.plus(FORGET_EVERY)) && visible.position() > 0) {
                lastForget = now;
                int batches = progress.forgetBelow(visible.position(), KEEP);
                int idle = callers.forgetVisible(visible.position(), KEEP);
                log.debug("Forgot {} publisher batches and {} idle callers below position {}", batches, idle, visible.position());
            }
        } catch (RuntimeException e) {
            log.debug("Cannot measure the read models' lag: {}", e.toString());
        }
    }
}

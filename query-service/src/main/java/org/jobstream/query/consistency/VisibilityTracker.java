package org.jobstream.query.consistency;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jobstream.store.ReadModelVisibility;
import org.jobstream.store.ReadModelVisibility.Visible;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the read models include, as last measured: refreshed in the background every
 * {@code refresh-interval}, so that a read whose writes are already included needs no query for it,
 * and on demand by reads that wait. Reads that wait together share one measurement. A measurement of
 * any age is safe to act on: the read models only ever include more.
 */
@Component
class VisibilityTracker implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VisibilityTracker.class);

    private final ReadModelVisibility visibility;
    private final Duration interval;
    private volatile Visible latest = Visible.NOTHING;
    private volatile long measuredAt;
    private ScheduledExecutorService scheduler;

    VisibilityTracker(ReadModelVisibility visibility,
                      @Value("${jobstream.consistency.refresh-interval:100ms}") Duration interval) {
        this.visibility = visibility;
        this.interval = interval;
    }

    /** The latest measurement, however old (at most about {@code refresh-interval}). */
    Visible latest() {
        return latest;
    }

    /** A measurement made after this call began. */
    Visible refreshed() {
        long asked = System.nanoTime();
        synchronized (this) {
            if (measuredAt - asked > 0) {
                return latest;
            }
            return measure();
        }
    }

    private synchronized Visible measure() {
        Visible now = visibility.current();
        latest = now;
        measuredAt = System.nanoTime();
        return now;
    }

    @Override
    public void afterPropertiesSet() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-visibility");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                measure();
            } catch (RuntimeException e) {
                log.debug("Cannot measure what the read models include: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}

package org.jobstream.projections.consumer;

import java.time.Duration;
import java.util.Map;
import org.jobstream.projections.index.JobIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes the projected jobs searchable, once for many batches. The consumers commit each batch
 * (rows, documents written to Elasticsearch, offsets) without waiting for a refresh of the index;
 * this refreshes it as soon as a batch has committed (at most every {@code refresh-spacing}) and
 * then records that the offsets committed before the refresh began are searchable
 * ({@code searchable_offset}), which is what the query side's read-your-writes check compares.
 * So under load many batches share one refresh, and an idle stack still refreshes at once.
 */
@Component
public class SearchableRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchableRefresher.class);
    /** Refreshes even without a signal this often, so that nothing depends on a signal alone. */
    private static final long IDLE_MILLIS = 1_000;

    private final JobIndex index;
    private final ProjectionOffsets offsets;
    private final String topic;
    private final Duration spacing;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private Thread thread;

    SearchableRefresher(JobIndex index, ProjectionOffsets offsets,
                        @Value("${jobstream.kafka.job-events-topic}") String topic,
                        @Value("${jobstream.elasticsearch.refresh-spacing:50ms}") Duration spacing) {
        this.index = index;
        this.offsets = offsets;
        this.topic = topic;
        this.spacing = spacing;
    }

    /** A batch has committed: refresh soon. */
    public void committed() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "searchable-refresher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long last = 0;
        while (running) {
            try {
                awaitSignal();
                long wait = spacing.toNanos() - (System.nanoTime() - last);
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                last = System.nanoTime();
                refresh();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Cannot refresh the search index ({}); trying again", e.toString());
                try {
                    Thread.sleep(IDLE_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void awaitSignal() throws InterruptedException {
        synchronized (signal) {
            if (!signalled) {
                signal.wait(IDLE_MILLIS);
            }
            signalled = false;
        }
    }

    /** Reads the committed offsets, refreshes the index, then marks those offsets searchable. */
    void refresh() {
        Map<Integer, Long> committed = offsets.nextOffsets(topic);
        if (committed.isEmpty()) {
            return;
        }
        index.refreshAlias();
        offsets.searchableUpTo(topic, committed);
    }
}

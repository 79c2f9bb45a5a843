package org.jobstream.projections.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.projections.consumer.Failures;
import org.jobstream.projections.jobs.JobTableProjector;
import org.jobstream.store.EventStoreReader.IndexRange;
import org.jobstream.store.EventStoreReader.StoredEvent;
import org.jobstream.store.EventStoreReader;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays the event store into a read model in another schema, in two passes:
 * <ol>
 *   <li>{@link #firstPass()}, while the live projections run: every event in global index order,
 *       one transaction per page, until a page comes back short (caught up). Global indexes that
 *       were missing between the events read are remembered: a transaction that took its index
 *       earlier may still commit it later.</li>
 *   <li>{@link #finalPass()}, while the live projections are paused: the events committed since
 *       in those gaps, then every event after the last one read.</li>
 * </ol>
 * The projector is idempotent and each job's events are applied in their order (a job's events
 * have increasing global indexes), so the result is the state of every event committed before
 * the final pass.
 */
public final class Replay {

    private static final int MAX_REPORTED_UNREADABLE = 20;

    private final EventStoreReader store;
    private final JobTableProjector projector;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final Progress progress;
    private final long reportEveryNanos;

    private final List<IndexRange> gaps = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private long lastRead;
    private long events;
    private long unreadableCount;

    public Replay(EventStoreReader store, JobTableProjector projector, TransactionTemplate transactions, int batchSize,
                  Duration reportEvery, Progress progress) {
        this.store = store;
        this.projector = projector;
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.reportEveryNanos = reportEvery.toNanos();
        this.progress = progress;
    }

    /**
     * Replays every event stored so far, the archived jobs' first (they are finished: nothing in the
     * event table follows them); returns how many job events it applied.
     */
    public long firstPass() {
        replayArchive();
        long head = store.head();
        long started = System.nanoTime();
        long reported = started;
        progress.line("Replaying the event store (head at global index " + head + ")");
        while (true) {
            List<StoredEvent> page = store.readAfter(lastRead, batchSize);
            if (page.isEmpty()) {
                break;
            }
            for (StoredEvent event : page) {
                if (event.position() > lastRead + 1) {
                    gaps.add(new IndexRange(lastRead + 1, event.position() - 1));
                }
                lastRead = event.position();
            }
            apply(page, new LinkedHashSet<>());
            long now = System.nanoTime();
            if (now - reported >= reportEveryNanos) {
                reported = now;
                progress.line(String.format("Replayed %d events, up to global index %d (%d%% of the head %d), %d events/s",
                        events, lastRead, head == 0 ? 100 : Math.min(100, lastRead * 100 / head), head,
                        events * 1_000_000_000L / Math.max(1, now - started)));
            }
            if (page.size() < batchSize) {
                break;
            }
        }
        long elapsed = System.nanoTime() - started;
        progress.line(String.format("First pass: %d events up to global index %d in %.1f s (%d events/s), %d gaps, %d unreadable",
                events, lastRead, elapsed / 1e9, events * 1_000_000_000L / Math.max(1, elapsed), gaps.size(), unreadableCount));
        return events;
    }

    private void replayArchive() {
        long jobs = 0;
        long lastJob = 0;
        long before = events;
        while (true) {
            List<Long> page = store.archivedJobsAfter(lastJob, batchSize);
            for (long jobId : page) {
                apply(store.archivedEventsOf(jobId), new LinkedHashSet<>());
                jobs++;
                lastJob = jobId;
            }
            if (page.size() < batchSize) {
                break;
            }
            progress.line("Replayed " + jobs + " archived jobs");
        }
        if (jobs > 0) {
            progress.line("Archive: " + (events - before) + " events of " + jobs + " archived jobs replayed");
        }
    }

    /**
     * Replays what was committed since the first pass read its pages: events in its gaps and
     * after its last event. Run it while the live projections are paused.
     *
     * @return the jobs whose rows it changed
     */
    public Set<Long> finalPass() {
        Set<Long> changed = new LinkedHashSet<>();
        long before = events;
        List<StoredEvent> late = store.readRanges(gaps);
        apply(late, changed);
        while (true) {
            List<StoredEvent> page = store.readAfter(lastRead, batchSize);
            if (page.isEmpty()) {
                break;
            }
            lastRead = page.get(page.size() - 1).position();
            apply(page, changed);
        }
        progress.line("Final pass: " + (events - before) + " events (" + late.size() + " committed late in gaps), "
                + changed.size() + " jobs changed");
        return changed;
    }

    /** Job events applied so far. */
    public long events() {
        return events;
    }

    /** The global index of the last event read. */
    public long lastRead() {
        return lastRead;
    }

    /** Global index ranges the first pass found missing. */
    public List<IndexRange> gaps() {
        return List.copyOf(gaps);
    }

    /** Job events that could not be read (the first few), which the live projections park too. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    public long unreadableCount() {
        return unreadableCount;
    }

    /**
     * Applies a page in one transaction. If the read model refuses it for what it holds (not for an
     * outage), the page is applied again event by event and each event it refuses is reported and
     * skipped, so that one bad event never stops a rebuild.
     */
    private void apply(List<StoredEvent> page, Set<Long> changed) {
        List<RecordedJobEvent> readable = new ArrayList<>(page.size());
        for (StoredEvent stored : page) {
            if (stored.event() != null) {
                readable.add(stored.event());
            } else if (stored.unreadable() != null) {
                noteUnreadable(stored.unreadable());
            }
        }
        try {
            transactions.executeWithoutResult(status -> changed.addAll(projector.apply(readable).keySet()));
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            progress.line("A page of " + readable.size() + " events was refused (" + e.getMessage()
                    + "); applying it event by event");
            for (RecordedJobEvent event : readable) {
                try {
                    transactions.executeWithoutResult(status -> changed.addAll(projector.apply(List.of(event)).keySet()));
                } catch (RuntimeException refused) {
                    if (Failures.isTransient(refused)) {
                        throw refused;
                    }
                    noteUnreadable("event " + event.sequence() + " of job " + event.jobId() + " at global index "
                            + event.position() + ": " + refused.getMessage());
                }
            }
        }
        events += readable.size();
    }

    private void noteUnreadable(String reason) {
        unreadableCount++;
        if (unreadable.size() < MAX_REPORTED_UNREADABLE) {
            unreadable.add(reason);
            progress.line("Skipping an unreadable " + reason);
        }
    }
}

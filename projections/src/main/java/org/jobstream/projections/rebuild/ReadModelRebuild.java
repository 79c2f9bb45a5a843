package org.jobstream.projections.rebuild;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jobstream.projections.index.JobIndex;
import org.jobstream.projections.jobs.JobDocuments;
import org.jobstream.projections.jobs.JobTableProjector;
import org.jobstream.store.EventStoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every read model from the event store while the live ones keep answering: the events
 * are replayed into a fresh schema and a fresh index; then the live consumers are paused for a
 * moment, the replay catches up with what was committed meanwhile, and the new schema and index
 * take the places of the old ones (schema renames in one transaction, one atomic alias switch).
 * The consumers resume at the live read model's offsets, copied into the new schema, and
 * re-apply what the replay already holds without effect.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final int REINDEX_BATCH = 1_000;

    private final DataSource pool;
    private final JdbcClient jdbc;
    private final ReadModelSchemas schemas;
    private final EventStoreReader store;
    private final JobIndex index;
    private final RebuildSettings settings;

    public ReadModelRebuild(DataSource pool, JdbcClient jdbc, ReadModelSchemas schemas, EventStoreReader store,
                            JobIndex index, RebuildSettings settings) {
        this.pool = pool;
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.store = store;
        this.index = index;
        this.settings = settings;
    }

    /** Runs the rebuild, holding {@code lock}; returns the summary. */
    public String run(MaintenanceLock lock, Progress progress) throws IOException, SQLException, InterruptedException {
        long started = System.nanoTime();
        String next = schemas.next();
        progress.line("Creating schema " + next);
        schemas.recreate(next);
        String newIndex = null;
        Optional<String> oldIndex = Optional.empty();
        boolean switched = false;
        long pausedNanos;
        long events;
        long replayNanos;
        long unreadable;
        try (SchemaSession session = SchemaSession.open(pool, next)) {
            Replay replay = new Replay(store, new JobTableProjector(session.jdbc()), session.transactions(),
                    settings.batchSize(), settings.progressInterval(), progress);
            replay.firstPass();
            replayNanos = System.nanoTime() - started;
            JobDocuments nextDocuments = new JobDocuments(session.jdbc());
            newIndex = index.createIndex();
            progress.line("Filling index " + newIndex);
            index.fill(newIndex, nextDocuments, progress::line);
            schemas.drop(schemas.previous());

            progress.line("Pausing the projections");
            long pausedAt = System.nanoTime();
            lock.pause(settings.pauseLockTimeout());
            try {
                Set<Long> changed = replay.finalPass();
                reindex(newIndex, nextDocuments, changed);
                index.refresh(newIndex);
                schemas.copyOffsets(next);
                oldIndex = index.currentIndex();
                switchOver(oldIndex, newIndex);
                switched = true;
            } finally {
                lock.resume();
                pausedNanos = System.nanoTime() - pausedAt;
            }
            events = replay.events();
            unreadable = replay.unreadableCount();
            progress.line(String.format("Switched: schema %s and index %s are live; the projections were paused for %d ms",
                    schemas.live(), newIndex, pausedNanos / 1_000_000));
        } finally {
            if (!switched) {
                discard(next, newIndex, progress);
            }
        }
        retire(oldIndex, progress);
        long elapsed = System.nanoTime() - started;
        return String.format("rebuilt %d jobs from %d events in %.1f s (replayed at %d events/s), projections paused %d ms%s",
                jobCount(), events, elapsed / 1e9, events * 1_000_000_000L / Math.max(1, replayNanos), pausedNanos / 1_000_000,
                unreadable == 0 ? "" : ", " + unreadable + " unreadable events skipped");
    }

    /** Renames the schemas and switches the alias; if the commit fails after the switch, switches back. */
    private void switchOver(Optional<String> oldIndex, String newIndex) throws IOException {
        boolean[] aliasSwitched = {false};
        try {
            schemas.promoteNext(() -> {
                index.switchAlias(oldIndex, newIndex);
                aliasSwitched[0] = true;
            });
        } catch (RuntimeException e) {
            if (aliasSwitched[0] && oldIndex.isPresent()) {
                index.switchAlias(Optional.of(newIndex), oldIndex.get());
            }
            throw e;
        }
    }

    private void reindex(String newIndex, JobDocuments documents, Set<Long> jobs) {
        List<Long> ids = new ArrayList<>(jobs);
        for (int from = 0; from < ids.size(); from += REINDEX_BATCH) {
            index.write(newIndex, documents.load(ids.subList(from, Math.min(ids.size(), from + REINDEX_BATCH))));
        }
    }

    /** After a failure before the switch: the live read models were never touched; drop the new ones. */
    private void discard(String next, String newIndex, Progress progress) {
        try {
            schemas.drop(next);
            if (newIndex != null) {
                index.delete(newIndex);
            }
            progress.line("Dropped the unfinished schema " + next + (newIndex == null ? "" : " and index " + newIndex));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot drop the unfinished schema {} or index {}", next, newIndex, e);
            progress.line("Could not drop the unfinished schema " + next + " or index " + newIndex + ": " + e.getMessage());
        }
    }

    /** Drops the replaced schema and, after a grace period for searches running on it, the replaced index. */
    private void retire(Optional<String> oldIndex, Progress progress) throws InterruptedException {
        try {
            schemas.drop(schemas.previous());
            Thread.sleep(settings.retireDelay().toMillis());
            if (oldIndex.isPresent()) {
                index.delete(oldIndex.get());
            }
            progress.line("Dropped the replaced schema and index " + oldIndex.orElse("(none)"));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot drop the replaced schema or index {}", oldIndex, e);
            progress.line("Could not drop the replaced schema " + schemas.previous() + " or index "
                    + oldIndex.orElse("(none)") + ": " + e.getMessage());
        }
    }

    private long jobCount() {
        return jdbc.sql("SELECT COUNT(*) FROM " + schemas.live() + ".jobs").query(Long.class).single();
    }
}

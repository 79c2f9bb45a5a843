package org.jobstream.projections.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jobstream.projections.consumer.ProjectionLag;
import org.jobstream.projections.jobs.JobTableProjector;
import org.jobstream.store.EventStoreReader;
import org.jobstream.projections.rebuild.MaintenanceLock;
import org.jobstream.projections.rebuild.Progress;
import org.jobstream.projections.rebuild.ReadModelSchemas;
import org.jobstream.projections.rebuild.RebuildSettings;
import org.jobstream.projections.rebuild.Replay;
import org.jobstream.projections.rebuild.SchemaSession;
import org.springframework.stereotype.Component;

/**
 * Compares the live read models with a replay of the event store: the events are replayed into a
 * scratch schema as a rebuild would; with the live consumers paused for a moment, the replay
 * catches up and a snapshot of both schemas is taken; the tables are compared in that snapshot,
 * then the index documents with the live rows. Every difference is reported (the first
 * {@value #MAX_REPORTED} in full); the scratch schema is dropped.
 */
@Component
public class ReadModelCheck {

    static final int MAX_REPORTED = 100;

    private final DataSource pool;
    private final ReadModelSchemas schemas;
    private final EventStoreReader store;
    private final IndexComparison index;
    private final ProjectionLag lag;
    private final RebuildSettings settings;

    public ReadModelCheck(DataSource pool, ReadModelSchemas schemas, EventStoreReader store, IndexComparison index,
                          ProjectionLag lag, RebuildSettings settings) {
        this.pool = pool;
        this.schemas = schemas;
        this.store = store;
        this.index = index;
        this.lag = lag;
        this.settings = settings;
    }

    /**
     * The outcome of a check.
     *
     * @param differenceCount every difference found (tables and index)
     * @param differences     the first {@value #MAX_REPORTED} of them
     */
    public record Report(long replayJobs, long liveJobs, long lagging, long documentsCompared, long changedMeanwhile,
                         long unreadableEvents, long differenceCount, List<Difference> differences) {

        public String summary() {
            return String.format("%d differences; %d jobs replayed, %d live, %d lagging; %d index documents compared%s%s",
                    differenceCount, replayJobs, liveJobs, lagging, documentsCompared,
                    changedMeanwhile == 0 ? "" : " (" + changedMeanwhile + " changed meanwhile)",
                    unreadableEvents == 0 ? "" : "; " + unreadableEvents + " unreadable events skipped");
        }
    }

    /** Events the live projections had yet to apply (their consumers are paused while this runs). */
    private String behindTopic() {
        try {
            return Long.toString(lag.behindNow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "an unknown number of";
        } catch (Exception e) {
            return "an unknown number of";
        }
    }

    public Report run(MaintenanceLock lock, Progress progress) throws SQLException {
        String scratch = schemas.check();
        progress.line("Creating schema " + scratch);
        schemas.recreate(scratch);
        ReadModelSnapshot.Result tables;
        long unreadable;
        String behind;
        try {
            try (SchemaSession session = SchemaSession.open(pool, scratch)) {
                Replay replay = new Replay(store, new JobTableProjector(session.jdbc()), session.transactions(),
                        settings.batchSize(), settings.progressInterval(), progress);
                replay.firstPass();
                unreadable = replay.unreadableCount();
                progress.line("Pausing the projections");
                long pausedAt = System.nanoTime();
                ReadModelSnapshot snapshot;
                lock.pause(settings.pauseLockTimeout());
                try {
                    replay.finalPass();
                    snapshot = ReadModelSnapshot.take(pool);
                    behind = behindTopic();
                } finally {
                    lock.resume();
                }
                progress.line("Resumed the projections after " + (System.nanoTime() - pausedAt) / 1_000_000
                        + " ms (they were " + behind + " events behind the topic); comparing the tables");
                try (snapshot) {
                    tables = snapshot.compare(schemas.live(), scratch,
                            ReadModelSnapshot.defaultExclusions(schemas.historyTable()), MAX_REPORTED);
                }
            }
        } finally {
            schemas.drop(scratch);
        }
        tables.notes().forEach(note -> progress.line("Note: " + note));
        progress.line(String.format("Tables: %d jobs replayed, %d live, %d lagging, %d differences",
                tables.replayJobs(), tables.liveJobs(), tables.lagging(), tables.differenceCount()));
        IndexComparison.Result documents = index.compare(lock, settings.pauseLockTimeout(), MAX_REPORTED, progress);
        progress.line(String.format("Index: %d documents compared, %d differences", documents.compared(),
                documents.differenceCount()));

        List<Difference> differences = new ArrayList<>(tables.differences());
        differences.addAll(documents.differences());
        long total = tables.differenceCount() + documents.differenceCount();
        differences.stream().limit(MAX_REPORTED).forEach(d -> progress.line("DIFFERENCE " + d));
        if (total > MAX_REPORTED) {
            progress.line("... and " + (total - MAX_REPORTED) + " more differences");
        }
        if (total > 0 && !behind.equals("0")) {
            progress.line("When compared, the live projections were " + behind + " events behind the job events topic: "
                    + "a job submitted just before is missing from them, not lost. Run the check again when it is quiet.");
        }
        return new Report(tables.replayJobs(), tables.liveJobs(), tables.lagging(), documents.compared(),
                documents.changedMeanwhile(), unreadable, total, differences.stream().limit(MAX_REPORTED).toList());
    }
}

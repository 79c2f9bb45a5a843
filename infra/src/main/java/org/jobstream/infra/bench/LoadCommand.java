package org.jobstream.infra.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.store.EventTableRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench load --jobs N}: puts N generated jobs into the event store with batched
 * INSERTs (the events the command side would have stored for them), then waits until the
 * publisher and the projections have made them searchable. It prints the raw insert rate (the
 * event store's limit) and the rate at which the read models caught up.
 *
 * <p>The jobs go through the real event path (store, publisher, Kafka, projections); only the
 * HTTP and aggregate layer is skipped, so that a million jobs take minutes, not hours.
 */
@Command(name = "load", description = "Insert N generated jobs into the event store and wait until searchable")
class LoadCommand implements Callable<Integer> {

    @Option(names = "--jobs", defaultValue = "100000", description = "jobs to load (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--owners", defaultValue = "50", description = "distinct owners (default ${DEFAULT-VALUE})")
    int owners;

    @Option(names = "--batch", defaultValue = "1000", description = "rows per INSERT batch (default ${DEFAULT-VALUE})")
    int batch;

    /** What a load measured. */
    record Result(long inserted, double insertsPerSecond, double endToEndJobsPerSecond) {
    }

    @Override
    public Integer call() throws Exception {
        Result result = load(jobs, owners, batch);
        System.out.printf("event store: %d JobSubmitted events inserted, %.0f events/s (batched INSERT, %d per batch)%n",
                result.inserted(), result.insertsPerSecond(), batch);
        System.out.printf("read models: all %d jobs searchable, %.0f jobs/s end to end%n",
                result.inserted(), result.endToEndJobsPerSecond());
        return 0;
    }

    /**
     * Inserts {@code jobs} generated jobs into the event store and waits until search finds them:
     * the insert rate, and the rate from the first insert until the read models had them all.
     */
    static Result load(int jobs, int owners, int batch) throws Exception {
        GeneratedJobs generated = new GeneratedJobs(owners);
        try (Connection db = BenchCommand.database()) {
            db.setAutoCommit(false);
            long start = System.nanoTime();
            long lastReport = start;
            long inserted = 0;
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try (PreparedStatement ids = db.prepareStatement(
                         "SELECT nextval('eventstore.job_id_seq') FROM generate_series(1, ?) ORDER BY 1");
                 PreparedStatement insert = EventTableRows.appender(db)) {
                while (inserted < jobs) {
                    int size = (int) Math.min(batch, jobs - inserted);
                    ids.setInt(1, size);
                    List<Long> jobIds = new ArrayList<>();
                    try (ResultSet rs = ids.executeQuery()) {
                        while (rs.next()) {
                            jobIds.add(rs.getLong(1));
                        }
                    }
                    for (long jobId : jobIds) {
                        EventTableRows.bind(insert, generated.row(null, jobId, now.minusSeconds(jobs - inserted)));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    db.commit();
                    inserted += size;
                    if (System.nanoTime() - lastReport > 2_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.err.printf("  inserted %d/%d events (%.0f/s)%n", inserted, jobs, rate(inserted, start));
                    }
                }
            }
            double insertRate = rate(inserted, start);
            long caughtUp = awaitReadModels(start);
            return new Result(inserted, insertRate, inserted / (caughtUp / 1e9));
        }
    }

    /**
     * Waits until the read models include everything the event store holds now: a search that sends
     * the store's head as its position waits for it (bounded, then 503, asked again), printing
     * progress; returns the nanoseconds since {@code start}.
     */
    static long awaitReadModels(long start) throws Exception {
        ApiClient admin = BenchCommand.client("bench-admin", "JobAdministrator");
        long head;
        try (Connection db = BenchCommand.database()) {
            head = EventTableRows.head(db);
        }
        while (true) {
            ApiClient.Answer answer = admin.exchange(head, "POST", "/api/jobs/search?per_page=1", Map.of());
            if (answer.status() == 200 || answer.status() == 206) {
                return System.nanoTime() - start;
            }
            if (answer.status() != 503) {
                throw new java.io.IOException("search answered " + answer.status() + ": " + new String(answer.body()));
            }
            System.err.printf("  waiting for the read models to include position %d (%.0f s)%n", head,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static double rate(long count, long startNanos) {
        return count / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }
}

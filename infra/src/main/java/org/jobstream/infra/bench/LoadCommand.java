package org.jobstream.infra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.JobEventCodec;
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

    private static final String[] SITES = {"LCG.CERN.ch", "LCG.IN2P3.fr", "LCG.RAL.uk", "LCG.CNAF.it", "LCG.GRIDKA.de",
        "LCG.PIC.es", "LCG.NIKHEF.nl", "LCG.SARA.nl"};
    private static final JobStatus[] STATUSES = {JobStatus.RECEIVED, JobStatus.WAITING, JobStatus.RUNNING, JobStatus.DONE,
        JobStatus.FAILED};

    @Option(names = "--jobs", defaultValue = "100000", description = "jobs to load (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--owners", defaultValue = "50", description = "distinct owners (default ${DEFAULT-VALUE})")
    int owners;

    @Option(names = "--batch", defaultValue = "1000", description = "rows per INSERT batch (default ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = JobEventCodec.defaultMapper();
        String url = System.getenv().getOrDefault("JOBSTREAM_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/jobstream");
        try (Connection db = DriverManager.getConnection(url, System.getenv().getOrDefault("JOBSTREAM_PG_USER", "jobstream"),
                System.getenv().getOrDefault("JOBSTREAM_PG_PASSWORD", "jobstream"))) {
            db.setAutoCommit(false);
            long start = System.nanoTime();
            long lastReport = start;
            long inserted = 0;
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try (PreparedStatement ids = db.prepareStatement(
                         "SELECT nextval('eventstore.job_id_seq') FROM generate_series(1, ?) ORDER BY 1");
                 PreparedStatement insert = db.prepareStatement("""
                         INSERT INTO eventstore.domainevententry (eventidentifier, aggregateidentifier, sequencenumber,
                             type, timestamp, payloadtype, payloadrevision, payload, metadata)
                         VALUES (?, ?, 0, 'Job', ?, ?, NULL, ?, ?)
                         """)) {
                byte[] metadata = json.writeValueAsBytes(Map.of());
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
                        int n = (int) (jobId % 1_000_003);
                        Instant submitted = now.minusSeconds(jobs - inserted);
                        JobSubmitted event = new JobSubmitted(jobId, "user" + (n % owners), "lhcb_user", "lhcb",
                                "bench-" + (n % 1000), "User", "group" + (n % 100), SITES[n % SITES.length], n % 10,
                                STATUSES[n % STATUSES.length], "Loaded", "Unknown", "JobManager", submitted,
                                "[ Executable = \"echo\"; JobID = " + jobId + "; ]", List.of(), List.of());
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, Long.toString(jobId));
                        insert.setString(3, submitted.toString());
                        insert.setString(4, JobSubmitted.class.getName());
                        insert.setBytes(5, json.writeValueAsBytes(event));
                        insert.setBytes(6, metadata);
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
            System.out.printf("event store: %d JobSubmitted events inserted, %.0f events/s (batched INSERT, %d per batch)%n",
                    inserted, insertRate, batch);
            long caughtUp = waitUntilSearchable(start);
            System.out.printf("read models: all %d jobs searchable %.1f s after the first insert (%.0f jobs/s end to end)%n",
                    inserted, caughtUp / 1e9, inserted / (caughtUp / 1e9));
        }
        return 0;
    }

    /** Polls a search (which waits for the read models itself) until it answers, printing progress. */
    private long waitUntilSearchable(long start) throws Exception {
        ApiClient admin = BenchCommand.client("bench-admin", "JobAdministrator");
        while (true) {
            try {
                admin.send("POST", "/api/jobs/search?per_page=1", Map.of(), 200, 206);
                return System.nanoTime() - start;
            } catch (java.io.IOException e) {
                if (!e.getMessage().contains(" 503")) {
                    throw e;
                }
                System.err.printf("  waiting for the read models to catch up (%.0f s)%n", (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static double rate(long count, long startNanos) {
        return count / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }
}

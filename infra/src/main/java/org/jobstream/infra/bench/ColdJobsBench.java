package org.jobstream.infra.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.store.SnapshotTableRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench cold}: the first command on a job the command service does not hold in
 * memory (after a restart, or once its job cache dropped the job), for jobs of 10, 1,000 and 10,000
 * events, first without a snapshot (the job is replayed from all its events, as before snapshots)
 * and then from the snapshot that load made. The jobs are written straight into the event store as
 * the service stores a running job's heartbeats ({@link StoredRows}), so the service has never
 * loaded them; between the two passes the bench empties the service's job cache
 * ({@code POST /admin/job-cache/evict}, a job administrator's request through the entry point: with
 * one command-service instance, which the local stack runs). Each command is one heartbeat of one
 * job, timed from the request to its answer, one at a time; a third pass, on the jobs now in the
 * cache, gives the same request without a load, the baseline of the machine at that moment. Then the
 * store's growth: bytes per event and per job, and a heartbeat's row in each version of its event.
 */
@Command(name = "cold", description = "First command on cold jobs of 10, 1,000 and 10,000 events, without and with "
        + "snapshots; store bytes per event, per job and per heartbeat")
class ColdJobsBench implements Callable<Integer> {

    /** How long the first job of a size may take to get its snapshot before the others are not waited for. */
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(10);

    @Option(names = "--sizes", defaultValue = "10,1000,10000", split = ",",
            description = "events per job (default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--jobs", defaultValue = "20", description = "jobs of each size (default ${DEFAULT-VALUE})")
    int jobs;

    @Override
    public Integer call() throws Exception {
        List<Figure> figures = new ArrayList<>(measure(sizes, jobs));
        figures.addAll(StoreGrowth.measure());
        figures.forEach(figure -> System.out.println(BenchCommand.line(figure)));
        return 0;
    }

    static List<Figure> measure(List<Integer> sizes, int jobsPerSize) throws Exception {
        ApiClient admin = BenchCommand.client("bench-admin", "JobAdministrator");
        ApiClient pilot = BenchCommand.client("pilot", "GenericPilot");
        ApiClient user = BenchCommand.client("bench-cold-" + System.currentTimeMillis());
        List<Figure> figures = new ArrayList<>();
        try (Connection db = BenchCommand.database()) {
            StoredRows rows = StoredRows.asTheServiceStoresThem(db, user, pilot);
            StoreProbe probe = new StoreProbe();
            // The code paths warm, as on a service that has run a while (a restart adds the JIT's warm-up).
            coldCommands(pilot, db, rows.insertJobs(db, 10, 20), false, 0);
            for (int size : sizes) {
                System.err.printf(Locale.ROOT, "  %d jobs of %,d events: writing them into the event store%n", jobsPerSize, size);
                List<Long> ids = rows.insertJobs(db, size, jobsPerSize);
                probe.awaitCaughtUp(Duration.ofMinutes(15));
                evict(admin);
                Latency replayed = coldCommands(pilot, db, ids, true, 1);
                int snapshotted = snapshotted(db, ids);
                evict(admin);
                Latency fromSnapshot = coldCommands(pilot, db, ids, false, 2);
                Latency warm = coldCommands(pilot, db, ids, false, 3);
                System.err.printf(Locale.ROOT, "  %,d events: replayed p50 %.1f ms p95 %.1f ms; from a snapshot (%d of %d jobs "
                        + "had one) p50 %.1f ms p95 %.1f ms; warm (in the cache) p50 %.1f ms p95 %.1f ms%n", size,
                        replayed.p50(), replayed.p95(), snapshotted, ids.size(), fromSnapshot.p50(), fromSnapshot.p95(),
                        warm.p50(), warm.p95());
                figures.add(new Figure("cold-" + size + "-replayed", "cold",
                        String.format(Locale.ROOT, "first command, cold job of %,d events, no snapshot", size), "ms",
                        replayed.p95(), replayed, null, null, jobsPerSize + " jobs, one heartbeat each"));
                figures.add(new Figure("cold-" + size + "-snapshot", "cold",
                        String.format(Locale.ROOT, "first command, cold job of %,d events, from its snapshot", size), "ms",
                        fromSnapshot.p95(), fromSnapshot, null,
                        size >= 10_000 ? Target.below(50, fromSnapshot.p95()) : null,
                        String.format(Locale.ROOT, "%d of %d jobs had a snapshot", snapshotted, ids.size())));
                figures.add(new Figure("warm-" + size, "cold",
                        String.format(Locale.ROOT, "the next command, job of %,d events in the cache", size), "ms",
                        warm.p95(), warm, null, null, "the same request on a job held in memory: the machine's baseline"));
            }
        }
        return figures;
    }

    /**
     * One heartbeat to each job, one job at a time, each timed; with {@code awaitSnapshots}, after each
     * command it waits until the job's snapshot is stored (taken in the background after the load), so
     * that the next command does not share the machine with it.
     */
    private static Latency coldCommands(ApiClient pilot, Connection db, List<Long> ids, boolean awaitSnapshots, int beat)
            throws Exception {
        long[] nanos = new long[ids.size()];
        boolean waiting = awaitSnapshots;
        for (int i = 0; i < ids.size(); i++) {
            long jobId = ids.get(i);
            Map<String, Object> body = Map.of(Long.toString(jobId), Map.of("LoadAverage", 1.5, "CPUConsumed", 100.0 + beat));
            while (true) {
                long start = System.nanoTime();
                ApiClient.Answer answer = pilot.exchange(-1, "PATCH", "/api/jobs/heartbeat", body);
                nanos[i] = System.nanoTime() - start;
                if (answer.status() == 200) {
                    break;
                }
                if (answer.status() != 503) {
                    throw new java.io.IOException("a heartbeat of job " + jobId + " answered " + answer.status() + ": "
                            + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                // back-pressure (the read models behind): not a cold load's time; send it again
                Thread.sleep(1000);
            }
            if (waiting && !awaitSnapshot(db, jobId, SNAPSHOT_WAIT)) {
                System.err.printf(Locale.ROOT, "  job %d has no snapshot after %d s (fewer events than the threshold?): "
                        + "not waiting for the others%n", jobId, SNAPSHOT_WAIT.toSeconds());
                waiting = false;
            }
        }
        return LoadRun.percentiles(nanos);
    }

    private static boolean awaitSnapshot(Connection db, long jobId, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (snapshotted(db, List.of(jobId)) == 1) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** How many of the jobs have a snapshot. */
    static int snapshotted(Connection db, List<Long> ids) throws SQLException {
        return SnapshotTableRows.jobsWithSnapshot(db, ids);
    }

    /** Drops every job the command service holds in memory. */
    private static void evict(ApiClient admin) throws Exception {
        int evicted = admin.send("POST", "/admin/job-cache/evict", null, 200).get("evicted").asInt();
        System.err.printf(Locale.ROOT, "  the command service dropped its %,d cached jobs%n", evicted);
    }

    /** Times a little in the past, a heartbeat's interval apart. */
    static Instant start(int events) {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofMinutes(5L * (events + 1)));
    }
}

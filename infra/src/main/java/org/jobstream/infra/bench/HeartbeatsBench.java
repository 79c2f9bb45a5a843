package org.jobstream.infra.bench;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jobstream.infra.bench.report.BenchReport;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Line;
import org.jobstream.infra.bench.report.BenchReport.Point;
import org.jobstream.infra.bench.report.BenchReport.Series;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.store.EventTableRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench heartbeats}: pilots heartbeat their running jobs at a steady rate for a
 * long while (ten minutes by default), as a grid's pilots do all day. Every ten seconds it notes
 * the event store's size and head and how far the read models are behind; the report plots both,
 * with the store's growth per heartbeat and the lag's percentiles.
 */
@Command(name = "heartbeats", description = "Heartbeats at a steady rate for a long while (10 minutes by default): "
        + "event store size and read-model lag over time, plotted in an HTML report")
class HeartbeatsBench implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "10m", converter = BenchCommand.DurationConverter.class,
            description = "how long the pilots heartbeat (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--rate", defaultValue = "1000",
            description = "heartbeats a second (default ${DEFAULT-VALUE}: 300,000 running jobs at one every five minutes)")
    double rate;

    @Option(names = "--jobs", defaultValue = "10000", description = "running jobs the pilots heartbeat (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--sample", defaultValue = "10s", converter = BenchCommand.DurationConverter.class,
            description = "how often the store and the lag are sampled (default ${DEFAULT-VALUE})")
    Duration sample;

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        ApiClient user = BenchCommand.client("bench-heartbeats-" + System.currentTimeMillis());
        ApiClient pilot = BenchCommand.client("pilot", "GenericPilot");
        System.err.printf(Locale.ROOT, "Submitting %,d jobs for the pilots%n", jobs);
        List<Long> ids = BenchCommand.submitJobs(user, jobs);
        StoreProbe probe = new StoreProbe();
        probe.awaitCaughtUp(Duration.ofMinutes(10));
        System.err.printf(Locale.ROOT, "Heartbeats at %,.0f/s for %d s over %,d jobs%n", rate, duration.toSeconds(), jobs);

        List<Point> megabytes = new ArrayList<>();
        List<Point> millions = new ArrayList<>();
        List<Point> lag = new ArrayList<>();
        List<Double> lags = new ArrayList<>();
        try (Connection db = BenchCommand.database()) {
            long bytesAtStart = EventTableRows.bytes(db);
            long headAtStart = probe.head();
            long start = System.nanoTime();
            PilotLoad load = new PilotLoad(PilotLoad.Kind.HEARTBEAT, pilot, ids, 100, rate, 4);
            PilotLoad.Result writes;
            try {
                while (System.nanoTime() - start < duration.toNanos()) {
                    Thread.sleep(sample.toMillis());
                    double t = (System.nanoTime() - start) / 1e9;
                    StoreProbe.Sample now = probe.sample();
                    long bytes = EventTableRows.bytes(db);
                    megabytes.add(new Point(t, bytes / 1e6));
                    millions.add(new Point(t, now.head() / 1e6));
                    lag.add(new Point(t, now.lagSeconds()));
                    lags.add(now.lagSeconds());
                    System.err.printf(Locale.ROOT, "  %4.0f s: %,d heartbeats accepted, %,d refused; store %,.0f MB, "
                            + "%,d events; read models %.1f s behind%n", t, load.accepted(), load.refused(), bytes / 1e6,
                            now.head(), now.lagSeconds());
                }
            } finally {
                writes = load.stop();
            }
            probe.awaitCaughtUp(Duration.ofMinutes(10));
            long grown = EventTableRows.bytes(db) - bytesAtStart;
            long events = probe.head() - headAtStart;
            List<Double> sorted = lags.stream().sorted().toList();
            double p95 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
            double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
            String asked = String.format(Locale.ROOT, "%,.0f heartbeats/s asked, 100 a request, %,d jobs, %d s; "
                    + "%,d refused (503), %,d failed, %,d not sent in time", rate, jobs, duration.toSeconds(),
                    writes.refused(), writes.failed(), writes.missed());
            List<Figure> figures = List.of(
                    new Figure("heartbeats-accepted", "long-run", "heartbeats accepted", "heartbeats/s",
                            writes.acceptedPerSecond(), null, null, null, asked),
                    new Figure("heartbeats-store-growth", "long-run", "event store growth per heartbeat (rows, TOAST, indexes)",
                            "bytes", (double) grown / Math.max(1, events), null, null, null,
                            String.format(Locale.ROOT, "%,.0f MB for %,d events", grown / 1e6, events)),
                    new Figure("heartbeats-store-per-day", "long-run", "event store growth a day at this rate", "GB",
                            (double) grown / Math.max(1, events) * rate * 86_400 / 1e9, null, null, null, null),
                    new Figure("heartbeats-lag-p95", "long-run", "read-model lag, 95th percentile of the samples", "s",
                            p95, null, null, new Target("within the 5 s bound", p95 <= 5), null),
                    new Figure("heartbeats-lag-max", "long-run", "read-model lag, largest sample", "s", max, null, null,
                            null, null));
            List<Series> series = List.of(
                    new Series("heartbeats-store", "The event store under steady heartbeats", "s", "",
                            List.of(new Line("store size (MB)", megabytes), new Line("events (millions)", millions))),
                    new Series("heartbeats-lag", "Read models behind the event store under steady heartbeats", "s", "s",
                            List.of(new Line("lag (s)", lag))));
            BenchCommand.write(new BenchReport(started, Duration.between(started, Instant.now()),
                    BenchCommand.machine(probe.head()), figures, series, List.of(), List.of(asked)));
        }
        return 0;
    }
}

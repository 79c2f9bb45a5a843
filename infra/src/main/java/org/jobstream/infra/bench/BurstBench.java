package org.jobstream.infra.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Line;
import org.jobstream.infra.bench.report.BenchReport.Point;
import org.jobstream.infra.bench.report.BenchReport.Series;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench burst}: pilots send status updates as fast as the write path takes them
 * for a while (two minutes by default), then stop. Every second it notes how far the read models
 * are behind the event store (events, and the age of the oldest event they lack) and the write
 * path's accepted and refused requests; afterwards, how long the read models take to drain, and
 * the projections' throughput (events made searchable per second, at its best over five seconds)
 * beside the write path's peak.
 */
@Command(name = "burst", description = "Status updates at full speed for a while: lag, back-pressure, drain time, projection throughput")
class BurstBench implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "2m", converter = BenchCommand.DurationConverter.class,
            description = "how long the burst lasts (default ${DEFAULT-VALUE})")
    Duration duration;

    @Mixin
    PilotOptions pilots;

    @Override
    public Integer call() throws Exception {
        PilotOptions.Setup setup = pilots.prepare("bench-burst-");
        new StoreProbe().awaitCaughtUp(Duration.ofMinutes(10));
        measure(setup.pilot(), setup.jobs(), duration, setup.peak()).figures()
                .forEach(f -> System.out.println(BenchCommand.line(f)));
        return 0;
    }

    static PilotOptions.Result measure(ApiClient pilot, List<Long> jobs, Duration duration, double peak) throws Exception {
        StoreProbe probe = new StoreProbe();
        List<Point> lag = new ArrayList<>();
        List<Point> backlog = new ArrayList<>();
        List<double[]> visible = new ArrayList<>();
        long start = System.nanoTime();
        PilotLoad load = new PilotLoad(pilot, jobs, PilotOptions.JOBS_PER_REQUEST, 0, 4);
        double maxLag = 0;
        long reported = start;
        while (System.nanoTime() - start < duration.toNanos()) {
            Thread.sleep(1000);
            double t = (System.nanoTime() - start) / 1e9;
            StoreProbe.Sample sample = probe.sample();
            lag.add(new Point(t, sample.lagSeconds()));
            backlog.add(new Point(t, sample.backlog() / 1000.0));
            visible.add(new double[] {t, sample.visible()});
            maxLag = Math.max(maxLag, sample.lagSeconds());
            if (System.nanoTime() - reported > 10_000_000_000L) {
                reported = System.nanoTime();
                System.err.printf(Locale.ROOT, "  burst %3.0f s: %,d events accepted, %,d requests refused, %,d behind, lag %.1f s%n",
                        t, load.accepted(), load.refused(), sample.backlog(), sample.lagSeconds());
            }
        }
        PilotLoad.Result writes = load.stop();
        long stopped = System.nanoTime();
        long headAtStop = probe.head();
        while (true) {
            double t = (System.nanoTime() - start) / 1e9;
            StoreProbe.Sample sample = probe.sample();
            lag.add(new Point(t, sample.lagSeconds()));
            backlog.add(new Point(t, sample.backlog() / 1000.0));
            visible.add(new double[] {t, sample.visible()});
            if (sample.visible() >= headAtStop) {
                break;
            }
            if (System.nanoTime() - stopped > Duration.ofMinutes(15).toNanos()) {
                throw new IllegalStateException("The read models did not drain within 15 minutes");
            }
            Thread.sleep(250);
        }
        double drain = (System.nanoTime() - stopped) / 1e9;
        double projection = bestRate(visible, 5);
        System.err.printf(Locale.ROOT, "  drained in %.1f s; projections at best %,.0f events/s%n", drain, projection);

        String during = String.format(Locale.ROOT, "%,.0f status updates/s accepted over %d s, %,d requests refused (503)",
                writes.acceptedPerSecond(), duration.toSeconds(), writes.refused());
        List<Figure> figures = List.of(
                new Figure("burst-accepted", "burst", "status updates accepted during the burst", "updates/s",
                        writes.acceptedPerSecond(), null, null, null, during),
                new Figure("burst-max-lag", "burst", "largest read-model lag during the burst", "s", maxLag, null, null,
                        null, "the write path refuses writes beyond its bound (5 s by default)"),
                new Figure("drain", "burst", "time to drain after the burst", "s", drain, null, null, null, null),
                new Figure("projection-vs-peak", "burst", "projection throughput (events made searchable)", "events/s",
                        projection, null, new Baseline("the write path's peak (status updates, 100 a request)", "events/s",
                                peak, null),
                        new Target(">= 1.0 x the write path's peak", projection >= peak), null));
        return new PilotOptions.Result(figures, new Series("burst", "Read models behind the event store during and after a burst",
                "s", "", List.of(new Line("lag (s)", lag), new Line("backlog (thousand events)", backlog))));
    }

    /** The best rate of increase of the visible position over any window of {@code seconds}. */
    static double bestRate(List<double[]> samples, double seconds) {
        double best = 0;
        int from = 0;
        for (int to = 0; to < samples.size(); to++) {
            while (samples.get(to)[0] - samples.get(from)[0] > seconds) {
                from++;
            }
            double dt = samples.get(to)[0] - samples.get(from)[0];
            if (dt >= seconds * 0.8) {
                best = Math.max(best, (samples.get(to)[1] - samples.get(from)[1]) / dt);
            }
        }
        return best;
    }
}

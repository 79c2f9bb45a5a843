package org.jobstream.infra.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jobstream.infra.bench.report.BenchReport.Latency;

/**
 * Runs one operation a fixed number of times from several threads (closed loop), records each
 * call's latency, prints progress every second, and summarises throughput and percentiles.
 */
public final class LoadRun {

    /** One call of the operation under test; returns how many units (jobs, updates) it did. */
    @FunctionalInterface
    public interface Operation {
        int call(int index) throws Exception;
    }

    /** What a run measured. */
    public record Result(String name, int calls, long units, int errors, Duration elapsed, long[] latenciesNanos) {

        public double callsPerSecond() {
            return calls / seconds();
        }

        public double unitsPerSecond() {
            return units / seconds();
        }

        private double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        /** The latency below which {@code p} percent of the calls finished, in milliseconds. */
        public double percentileMillis(double p) {
            return LoadRun.percentileMillis(latenciesNanos, p);
        }

        public Latency latency() {
            return new Latency(percentileMillis(50), percentileMillis(95), percentileMillis(99));
        }

        public String summary(String unit) {
            return String.format("%-44s %8.0f %s/s  (%6.0f calls/s)  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  errors %d",
                    name, unitsPerSecond(), unit, callsPerSecond(), percentileMillis(50), percentileMillis(95),
                    percentileMillis(99), errors);
        }
    }

    private LoadRun() {
    }

    /** The 50th, 95th and 99th percentiles of durations in nanoseconds, in milliseconds. */
    public static Latency percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(percentileMillis(sorted, 50), percentileMillis(sorted, 95), percentileMillis(sorted, 99));
    }

    private static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    public static Result run(String name, int calls, int threads, Operation operation, PrintStream progress)
            throws InterruptedException {
        long[] latencies = new long[calls];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong units = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    try {
                        units.addAndGet(operation.call(i));
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            progress.println("  error: " + e.getMessage());
                        }
                    }
                    latencies[i] = System.nanoTime() - begin;
                    done.incrementAndGet();
                }
            }));
        }
        pool.shutdown();
        long lastReport = start;
        while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (now - lastReport >= 1_000_000_000L) {
                lastReport = now;
                progress.printf("  %s: %d/%d calls, %.0f/s%n", name, done.get(), calls,
                        done.get() / ((now - start) / 1e9));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Arrays.sort(latencies);
        return new Result(name, calls, units.get(), errors.get(), elapsed, latencies);
    }
}

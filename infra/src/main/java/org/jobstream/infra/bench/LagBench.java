package org.jobstream.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench lag}: the time from a submission's {@code 201} until the job is found by
 * search, while a background load submits jobs at a steady rate. Search here is sent without the
 * read-your-writes wait, polling, so that the figure is the projections' own lag.
 */
@Command(name = "lag", description = "Command-to-searchable lag (p50/p95/p99) under a steady background load")
class LagBench implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "200", description = "jobs whose lag is measured (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--background-rate", defaultValue = "500", description = "background jobs per second (default ${DEFAULT-VALUE})")
    int backgroundRate;

    @Override
    public Integer call() throws Exception {
        Latency lag = measure(backgroundRate, samples);
        System.out.printf("command-to-searchable lag at ~%d jobs/s background: p50 %.0f ms  p95 %.0f ms  p99 %.0f ms%n",
                backgroundRate, lag.p50(), lag.p95(), lag.p99());
        return 0;
    }

    /**
     * Submits {@code samples} single jobs one after the other while two background clients submit
     * 20-job requests at {@code backgroundRate} jobs a second (none at 0: an idle stack), and measures for each how long after
     * its {@code 201} search first finds it.
     */
    static Latency measure(int backgroundRate, int samples) throws Exception {
        ApiClient api = BenchCommand.client("bench-lag-" + System.currentTimeMillis());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService background = Executors.newFixedThreadPool(2);
        List<String> twenty = Collections.nCopies(20, "Executable = \"echo\"; JobName = \"background\";");
        for (int t = 0; t < (backgroundRate > 0 ? 2 : 0); t++) {
            background.submit(() -> {
                long intervalNanos = 2 * 20 * 1_000_000_000L / Math.max(1, backgroundRate);
                long next = System.nanoTime();
                while (running.get()) {
                    try {
                        api.send("POST", "/api/jobs/jdl", twenty, 201);
                    } catch (Exception e) {
                        System.err.println("  background submission failed: " + e.getMessage());
                    }
                    next += intervalNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
                return null;
            });
        }
        long[] lags = new long[samples];
        try {
            for (int i = 0; i < samples; i++) {
                JsonNode submitted = api.send("POST", "/api/jobs/jdl", List.of("Executable = \"echo\"; JobName = \"probe\";"), 201);
                long acknowledged = System.nanoTime();
                long jobId = submitted.get(0).get("JobID").asLong();
                Map<String, Object> byId = Map.of("parameters", List.of("JobID"),
                        "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)));
                while (api.sendWithoutWaiting("POST", "/api/jobs/search", byId).isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(2);
                }
                lags[i] = System.nanoTime() - acknowledged;
                if (i % 50 == 49) {
                    System.err.printf("  lag: %d/%d probes%n", i + 1, samples);
                }
            }
        } finally {
            running.set(false);
            background.shutdown();
            background.awaitTermination(30, TimeUnit.SECONDS);
        }
        return LoadRun.percentiles(lags);
    }
}

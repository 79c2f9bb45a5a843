package org.jobstream.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jobstream.infra.bench.report.BenchReport.ComponentUse;
import org.jobstream.infra.bench.report.BenchReport.PhaseResources;

/**
 * CPU and memory of each part of the stack while a benchmark phase runs, read from {@code /proc}:
 * a component is its recorded process and all its descendants (Elasticsearch's server runs under
 * its launcher, PostgreSQL's backends under the postmaster). CPU is the processes' CPU time over
 * the phase's wall time; memory is the largest resident set seen, sampled twice a second (for
 * PostgreSQL that counts its shared buffers once per backend, so it over-states).
 */
final class ResourceSampler implements AutoCloseable {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private static final long PAGE_KILOBYTES = 4;

    private final Map<String, Long> pids;
    private final Map<String, Long> peakRssKilobytes = new ConcurrentHashMap<>();
    private final List<PhaseResources> phases = new ArrayList<>();
    private final Thread sampler;

    ResourceSampler(Map<String, Long> pids) {
        this.pids = pids;
        this.sampler = new Thread(this::sample, "resource-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * The components named in {@code JOBSTREAM_STACK_PIDS} ({@code name=pid} pairs separated by
     * spaces, as {@code ./jobstream bench} sets it); none when it is not set.
     */
    static ResourceSampler fromEnvironment() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : System.getenv().getOrDefault("JOBSTREAM_STACK_PIDS", "").trim().split("\\s+")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[1].matches("\\d+")) {
                pids.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return new ResourceSampler(pids);
    }

    /** Runs one phase of the benchmark and records what each component used meanwhile. */
    <T> T during(String phase, Callable<T> work) throws Exception {
        Map<String, Long> cpuBefore = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpuBefore.put(name, cpuTicks(pid)));
        peakRssKilobytes.clear();
        long start = System.nanoTime();
        try {
            return work.call();
        } finally {
            double seconds = (System.nanoTime() - start) / 1e9;
            List<ComponentUse> uses = new ArrayList<>();
            pids.forEach((name, pid) -> uses.add(new ComponentUse(name,
                    (cpuTicks(pid) - cpuBefore.get(name)) / CLOCK_TICKS_PER_SECOND / seconds,
                    Math.max(peakRssKilobytes.getOrDefault(name, 0L), rssKilobytes(pid)) / 1024.0)));
            synchronized (phases) {
                phases.add(new PhaseResources(phase, seconds, uses));
            }
        }
    }

    List<PhaseResources> phases() {
        synchronized (phases) {
            return List.copyOf(phases);
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            pids.forEach((name, pid) -> peakRssKilobytes.merge(name, rssKilobytes(pid), Math::max));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Stream<Long> tree(long pid) {
        return ProcessHandle.of(pid)
                .map(p -> Stream.concat(Stream.of(pid), p.descendants().map(ProcessHandle::pid)))
                .orElseGet(Stream::empty);
    }

    /** utime + stime of the process and its descendants, in clock ticks. */
    private static long cpuTicks(long pid) {
        return tree(pid).mapToLong(p -> statField(p, 14) + statField(p, 15)).sum();
    }

    private static long rssKilobytes(long pid) {
        return tree(pid).mapToLong(p -> statField(p, 24) * PAGE_KILOBYTES).sum();
    }

    /** Field {@code n} (1-based, as in proc(5)) of /proc/PID/stat; 0 when the process is gone. */
    private static long statField(long pid, int n) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count from after it
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[n - 3]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

package org.jobstream.infra.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one run of the benchmark suite measured: the figures (each beside the same work done
 * straight on the component, where there is one), the resources each part of the stack used in
 * each phase, and the machine it ran on. Written as JSON (for tracking) and as HTML (for reading).
 */
public record BenchReport(Instant started, Duration took, Machine machine, List<Figure> figures,
                          List<Series> series, List<PhaseResources> resources, List<String> notes) {

    /**
     * Values measured over time or over a load, e.g. the read models' lag each second of a burst.
     *
     * @param lines each a named line of (x, y) points on the same axes
     */
    public record Series(String id, String title, String xUnit, String yUnit, List<Line> lines) {
    }

    /** One line of a {@link Series}. */
    public record Line(String name, List<Point> points) {
    }

    public record Point(double x, double y) {
    }

    /** The machine and the data the run started with. */
    public record Machine(int cores, long memoryMegabytes, String java, String os, String baseUrl, long jobsAtStart) {
    }

    /**
     * One figure. For a rate ({@code unit} ends in "/s") the value is the rate and the ratio is
     * the share of the baseline's rate that Jobstream reaches; for a latency ({@code unit} "ms") the
     * value is the 95th percentile and the ratio is how many times the baseline's it is.
     *
     * @param section  which part of the report it belongs to: write, lag, projection, read
     * @param latency  per-request latency percentiles, when the figure came from requests
     * @param baseline the same work straight on the component, or null
     * @param target   the goal for this figure, or null
     */
    public record Figure(String id, String section, String title, String unit, double value, Latency latency,
                         Baseline baseline, Target target, String note) {

        /** Whether the figure is a latency (in ms) rather than a rate. */
        public boolean measuresLatency() {
            return "ms".equals(unit);
        }

        /** Jobstream's value over the baseline's, or NaN without a baseline (in the JSON too). */
        @JsonProperty("ratio")
        public double ratio() {
            return baseline == null || baseline.value() == 0 ? Double.NaN : value / baseline.value();
        }
    }

    /** Percentiles in milliseconds. */
    public record Latency(double p50, double p95, double p99) {
    }

    /** The same work straight on the component (raw INSERT, raw produce, raw query). */
    public record Baseline(String title, String unit, double value, Latency latency) {
    }

    /** A goal, e.g. {@code ">= 2000"}, and whether this run met it. */
    public record Target(String goal, boolean met) {

        public static Target atLeast(double goal, double value) {
            return new Target(String.format(java.util.Locale.ROOT, ">= %,.0f", goal), value >= goal);
        }

        public static Target below(double goal, double value) {
            return new Target(String.format(java.util.Locale.ROOT, "< %,.0f", goal), value < goal);
        }
    }

    /** What each component of the stack used while a phase ran. */
    public record PhaseResources(String phase, double seconds, List<ComponentUse> components) {
    }

    /**
     * @param cpuCores     CPU time over wall time (1.0 = one core busy all the phase)
     * @param rssMegabytes the largest resident memory seen, over the process and its children
     */
    public record ComponentUse(String component, double cpuCores, double rssMegabytes) {
    }
}

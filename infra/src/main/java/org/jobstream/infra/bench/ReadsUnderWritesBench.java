package org.jobstream.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.bench.report.BenchReport.Line;
import org.jobstream.infra.bench.report.BenchReport.Point;
import org.jobstream.infra.bench.report.BenchReport.Series;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench reads}: a user's search and summary latency while pilots update the
 * statuses of the user's jobs at 0, 25, 50 and 100 % of the write path's peak rate, as a grid
 * installation loads it. Every tenth step the user submits a job and searches for it at once
 * (without a position header): it must be found by that very search, whatever the load.
 */
@Command(name = "reads", description = "Search and summary latency while status updates run at 0-100 % of the peak rate")
class ReadsUnderWritesBench implements Callable<Integer> {

    static final double[] FRACTIONS = {0, 0.25, 0.5, 1.0};

    @Option(names = "--duration", defaultValue = "20s", converter = BenchCommand.DurationConverter.class,
            description = "measuring time at each rate, after a fifth of it as warm-up (default ${DEFAULT-VALUE})")
    Duration duration;

    @Mixin
    PilotOptions pilots;

    @Override
    public Integer call() throws Exception {
        PilotOptions.Setup setup = pilots.prepare("bench-reader-");
        measure(setup.user(), setup.pilot(), setup.jobs(), setup.peak(), duration).figures()
                .forEach(f -> System.out.println(BenchCommand.line(f)));
        return 0;
    }

    static PilotOptions.Result measure(ApiClient user, ApiClient pilot, List<Long> jobs, double peak, Duration duration) throws Exception {
        List<Figure> figures = new ArrayList<>();
        List<Point> searchP95 = new ArrayList<>();
        List<Point> summaryP95 = new ArrayList<>();
        List<Point> ownP95 = new ArrayList<>();
        for (double fraction : FRACTIONS) {
            int percent = (int) Math.round(fraction * 100);
            double rate = fraction * peak;
            System.err.printf(Locale.ROOT, "  reads while pilots send %,.0f status updates/s (%d %% of the peak)%n", rate, percent);
            PilotLoad load = fraction == 0 ? null : new PilotLoad(pilot, jobs, PilotOptions.JOBS_PER_REQUEST, rate, 0);
            Thread.sleep(duration.toMillis() / 5);
            Reads reads = read(user, duration);
            PilotLoad.Result writes = load == null ? null : load.stop();
            String during = writes == null ? "no writes"
                    : String.format(Locale.ROOT, "%,.0f status updates/s accepted, %d requests refused (503)",
                            writes.acceptedPerSecond(), writes.refused());
            Target searchTarget = fraction == 1.0 ? Target.below(100, reads.search().p95()) : null;
            figures.add(new Figure("search-at-" + percent, "reads-under-writes",
                    "search at " + percent + " % of the peak write rate", "ms", reads.search().p95(), reads.search(),
                    null, searchTarget, during + "; " + reads.unavailable() + " searches or summaries answered 503"));
            figures.add(new Figure("summary-at-" + percent, "reads-under-writes",
                    "summary at " + percent + " % of the peak write rate", "ms", reads.summary().p95(), reads.summary(),
                    null, fraction == 1.0 ? Target.below(100, reads.summary().p95()) : null, during));
            figures.add(new Figure("own-write-at-" + percent, "reads-under-writes",
                    "own submission's next search at " + percent + " % of the peak", "ms", reads.ownWrite().p95(),
                    reads.ownWrite(), null, new Target("found by the very next search", reads.ownMissed() == 0),
                    reads.ownFound() + " found by the next search, " + reads.ownMissed() + " not"));
            searchP95.add(new Point(percent, reads.search().p95()));
            summaryP95.add(new Point(percent, reads.summary().p95()));
            ownP95.add(new Point(percent, reads.ownWrite().p95()));
        }
        return new PilotOptions.Result(figures, new Series("reads-under-writes", "Read latency (p95) against the pilots' write rate",
                "% of peak", "ms", List.of(new Line("search p95", searchP95), new Line("summary p95", summaryP95),
                new Line("own submission, next search p95", ownP95))));
    }

    /** Latencies of a user's reads, and whether each own submission was found by the next search. */
    record Reads(Latency search, Latency summary, Latency ownWrite, int ownFound, int ownMissed, int unavailable) {
    }

    private static final Map<String, Object> SEARCH = Map.of(
            "parameters", List.of("JobID", "Status", "MinorStatus", "Site", "LastUpdateTime"),
            "search", List.of(Map.of("parameter", "Status", "operator", "in",
                    "values", List.of("Received", "Checking", "Running", "Waiting"))),
            "sort", List.of(Map.of("parameter", "JobID", "direction", "desc")));
    private static final Map<String, Object> SUMMARY = Map.of("grouping", List.of("Status", "Site"), "search", List.of());

    /** One user reading for {@code duration}: search and summary in turn, an own submission every tenth step. */
    static Reads read(ApiClient user, Duration duration) throws Exception {
        List<Long> search = new ArrayList<>();
        List<Long> summary = new ArrayList<>();
        List<Long> own = new ArrayList<>();
        int found = 0;
        int missed = 0;
        int unavailable = 0;
        long end = System.nanoTime() + duration.toNanos();
        for (int step = 0; System.nanoTime() < end; step++) {
            if (step % 10 == 9) {
                JsonNode submitted = user.send("POST", "/api/jobs/jdl", List.of("Executable = \"echo\"; JobName = \"own\";"), 201);
                long jobId = submitted.get(0).get("JobID").asLong();
                long start = System.nanoTime();
                ApiClient.Answer answer = user.exchange(-1, "POST", "/api/jobs/search", Map.of("parameters", List.of("JobID"),
                        "search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId))));
                own.add(System.nanoTime() - start);
                if (answer.status() == 200 && new String(answer.body()).contains("\"JobID\":" + jobId)) {
                    found++;
                } else {
                    missed++;
                }
                continue;
            }
            boolean searching = step % 2 == 0;
            long start = System.nanoTime();
            ApiClient.Answer answer = user.exchange(-1, "POST", searching ? "/api/jobs/search?per_page=100" : "/api/jobs/summary",
                    searching ? SEARCH : SUMMARY);
            (searching ? search : summary).add(System.nanoTime() - start);
            if (answer.status() == 503) {
                unavailable++;
            } else if (answer.status() >= 300 && answer.status() != 206) {
                throw new IllegalStateException("A read answered " + answer.status() + ": " + new String(answer.body()));
            }
        }
        return new Reads(percentiles(search), percentiles(summary), percentiles(own), found, missed, unavailable);
    }

    private static Latency percentiles(List<Long> nanos) {
        return LoadRun.percentiles(nanos.stream().mapToLong(Long::longValue).toArray());
    }
}

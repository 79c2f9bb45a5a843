package org.jobstream.infra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.infra.bench.RawBaselines.Rate;
import org.jobstream.infra.bench.report.BenchReport;
import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.bench.report.BenchReport.Machine;
import org.jobstream.infra.bench.report.BenchReport.Series;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.bench.report.HtmlReport;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.infra.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench}: the benchmark suite against the running stack. It measures the write
 * path with wrk, the command-to-searchable lag, the projections' throughput and search and
 * summary latency at each data size, each beside the same work straight on the component in the
 * same run, with the CPU and memory of every part of the stack per phase, and writes the report
 * as HTML and JSON. The subcommands run one benchmark each and print its figures.
 */
@Command(name = "bench", description = "The benchmark suite against the running stack: an HTML and a JSON report",
        subcommands = {BenchCommand.Submit.class, BenchCommand.Status.class, BenchCommand.Heartbeat.class,
                LoadCommand.class, SearchBench.class, LagBench.class, ReadsUnderWritesBench.class, BurstBench.class,
                StreamBench.class, ColdJobsBench.class, HeartbeatsBench.class})
public class BenchCommand implements Callable<Integer> {

    @Mixin
    WrkOptions wrkOptions;

    @Option(names = "--sizes", defaultValue = "100000,1000000", split = ",",
            description = "job counts at which search and summary are measured; jobs are loaded up to each (default ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--search-requests", defaultValue = "300", description = "requests per search figure (default ${DEFAULT-VALUE})")
    int searchRequests;

    @Option(names = "--lag-samples", defaultValue = "100", description = "jobs whose lag is measured (default ${DEFAULT-VALUE})")
    int lagSamples;

    @Option(names = "--raw-rows", defaultValue = "100000", description = "rows of the raw INSERT and Kafka baselines (default ${DEFAULT-VALUE})")
    int rawRows;

    @Option(names = "--cold-sizes", defaultValue = "10,1000,10000", split = ",",
            description = "events per job in the cold-job figures (default ${DEFAULT-VALUE})")
    List<Integer> coldSizes;

    @Option(names = "--cold-jobs", defaultValue = "10", description = "jobs of each size in the cold-job figures (default ${DEFAULT-VALUE})")
    int coldJobs;

    @Option(names = "--burst", defaultValue = "2m", converter = DurationConverter.class,
            description = "how long the status-update burst lasts (default ${DEFAULT-VALUE})")
    Duration burst;

    static ApiClient client(String user, String... properties) throws Exception {
        return ApiClient.ofLocalStack(stack(), user, "lhcb_user",
                properties.length == 0 ? List.of("NormalUser") : List.of(properties), Duration.ofHours(4));
    }

    /** The stack under measurement: the local one, as ./jobstream describes it. */
    static LocalStack stack() {
        return LocalStack.of(Path.of(""));
    }

    static String baseUrl() {
        return stack().baseUrl();
    }

    static Connection database() throws Exception {
        return stack().database();
    }

    /** Submits {@code count} jobs in requests of 20 and returns their IDs. */
    static List<Long> submitJobs(ApiClient api, int count) throws Exception {
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        List<String> twenty = Collections.nCopies(20, "Executable = \"echo\"; JobName = \"bench\";");
        LoadRun.run("preparing " + count + " jobs", (count + 19) / 20, 4, i -> {
            api.send("POST", "/api/jobs/jdl", twenty, 201).forEach(job -> ids.add(job.get("JobID").asLong()));
            return 20;
        }, System.err);
        return ids.subList(0, Math.min(count, ids.size()));
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        ApiClient admin = client("bench-admin", "JobAdministrator");
        long jobsAtStart = SearchBench.jobsInReadModels(admin);
        List<String> notes = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        RawBaselines raw = new RawBaselines(System.err);
        step("Benchmark suite against " + baseUrl() + String.format(Locale.ROOT, " (%,d jobs in the store)", jobsAtStart));
        try (ResourceSampler resources = ResourceSampler.fromEnvironment(); Connection db = database()) {
            step("Baselines: the components on their own");
            Rate rawAppend = resources.during("raw batched INSERT", () -> raw.append(db, rawRows));
            Rate rawProduce = resources.during("raw Kafka produce", () -> raw.produce(
                    stack().kafka(), rawRows));

            // The data sizes first: the write path and the lag add jobs (hundreds of thousands at full speed).
            long measuredAt = -1;
            for (int size : sizes) {
                long now = SearchBench.jobsInReadModels(admin);
                if (now < size) {
                    step(String.format(Locale.ROOT, "Loading %,d jobs (to %,d) through the event path", size - now, size));
                    LoadCommand.Result load = resources.during("load to " + size, () -> LoadCommand.load((int) (size - now), 50, 1000));
                    figures.add(new Figure("projection-" + size, "projection",
                            String.format(Locale.ROOT, "event store to searchable, %,d jobs", load.inserted()), "jobs/s",
                            load.endToEndJobsPerSecond(), null,
                            new Baseline("raw Kafka produce of the same events", "records/s", rawProduce.perSecond(),
                                    rawProduce.latency()),
                            null, String.format(Locale.ROOT, "inserted at %,.0f events/s", load.insertsPerSecond())));
                } else if (now == measuredAt) {
                    notes.add(String.format(Locale.ROOT, "No separate %,d-job figures: the store already held %,d jobs",
                            size, now));
                    continue;
                } else {
                    notes.add(String.format(Locale.ROOT, "The %,d-job figures are at %,d jobs: the store already held them",
                            size, now));
                }
                measuredAt = SearchBench.jobsInReadModels(admin);
                step(String.format(Locale.ROOT, "Search and summary at %,d jobs", measuredAt));
                figures.addAll(resources.during("search at " + size, () -> new SearchBench().measure(searchRequests, 2)));
            }

            WriteBench write = wrkOptions.writeBench(rawAppend);
            ApiClient user = client("bench-" + System.currentTimeMillis());
            step("Write path: submissions");
            figures.addAll(resources.during("submit", () -> write.submit(user)));
            List<Long> jobs = submitJobs(user, 2000);
            step("Write path: status updates");
            figures.addAll(resources.during("status updates", () -> write.status(user, jobs)));
            step("Write path: heartbeats");
            figures.addAll(resources.during("heartbeats", () -> write.heartbeat(client("pilot", "GenericPilot"), jobs)));
            Figure submitTwenty = figures.stream().filter(f -> f.id().equals("submit-20")).findFirst().orElseThrow();
            // every job submitted, status update and heartbeat is one event appended: the fastest is the append's best
            Figure best = figures.stream().filter(f -> f.section().equals("write"))
                    .max(java.util.Comparator.comparingDouble(Figure::value)).orElseThrow();
            figures.add(new Figure("append", "write", "event append at its best (" + best.title() + ")", "events/s",
                    best.value(), null, best.baseline(),
                    new Target("at least half the raw rate", best.ratio() >= 0.5), null));

            step("Waiting for the read models to take in the write path's events");
            StoreProbe probe = new StoreProbe();
            probe.awaitCaughtUp(Duration.ofMinutes(15));

            // Reads while pilots write: the user's search must not wait for anyone else's writes.
            double statusPeak = figures.stream().filter(f -> f.id().equals("status-100")).findFirst().orElseThrow().value();
            ApiClient pilot = client("pilot", "GenericPilot");
            step(String.format(Locale.ROOT, "Reads while pilots update statuses at 0-100 %% of the peak (%,.0f/s)", statusPeak));
            PilotOptions.Result reads = resources.during("reads under writes",
                    () -> ReadsUnderWritesBench.measure(user, pilot, jobs, statusPeak, wrkOptions.duration));
            figures.addAll(reads.figures());
            series.add(reads.series());
            probe.awaitCaughtUp(Duration.ofMinutes(15));

            step("A burst of status updates at full speed for " + burst.toSeconds() + " s, then the drain");
            PilotOptions.Result burstResult = resources.during("burst", () -> BurstBench.measure(pilot, jobs, burst, statusPeak));
            figures.addAll(burstResult.figures());
            series.add(burstResult.series());

            step("Command-to-searchable lag on an idle stack");
            Latency idle = resources.during("lag idle", () -> LagBench.measure(0, lagSamples));
            figures.add(new Figure("lag-idle", "lag", "command-to-searchable lag, idle", "ms", idle.p95(), idle,
                    null, Target.below(100, idle.p95()), null));
            int halfPeak = (int) Math.max(20, submitTwenty.value() / 2);
            step("Command-to-searchable lag at half the peak submission rate (" + halfPeak + " jobs/s)");
            Latency lag = resources.during("lag", () -> LagBench.measure(halfPeak, lagSamples));
            figures.add(new Figure("lag", "lag", "command-to-searchable lag at " + halfPeak + " jobs/s", "ms", lag.p95(), lag,
                    new Baseline("a raw Kafka produce, send to acknowledgement", "ms", rawProduce.latency().p95(),
                            rawProduce.latency()),
                    Target.below(500, lag.p95()), null));

            step("First command on cold jobs of " + coldSizes + " events, without and with snapshots");
            figures.addAll(resources.during("cold jobs", () -> ColdJobsBench.measure(coldSizes, coldJobs)));
            step("Event store size");
            figures.addAll(StoreGrowth.measure());

            BenchReport report = new BenchReport(started, Duration.between(started, Instant.now()), machine(jobsAtStart),
                    figures, series, resources.phases(), notes);
            write(report);
        }
        return 0;
    }

    static Machine machine(long jobsAtStart) {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1024 * 1024);
        return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), baseUrl(), jobsAtStart);
    }

    static void write(BenchReport report) throws Exception {
        Path dir = Path.of(System.getenv().getOrDefault("JOBSTREAM_BENCH_DIR", ".jobstream/bench"),
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(report.started()));
        Files.createDirectories(dir);
        Files.write(dir.resolve("report.json"), reportJson().writeValueAsBytes(report));
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(report), StandardCharsets.UTF_8);
        System.out.println();
        for (Figure figure : report.figures()) {
            System.out.println(line(figure));
        }
        System.out.println();
        System.out.println("Report: " + dir.resolve("report.html").toAbsolutePath());
        System.out.println("        " + dir.resolve("report.json").toAbsolutePath());
    }

    /** How report.json is written: times as ISO-8601, durations in seconds, indented. */
    static ObjectMapper reportJson() {
        return JobEventCodec.defaultMapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** One figure as a console line: value, baseline, ratio, target. */
    static String line(Figure figure) {
        String value = figure.measuresLatency()
                ? String.format(Locale.ROOT, "p95 %,8.1f ms", figure.value())
                : String.format(Locale.ROOT, figure.value() < 100 ? "%,10.1f %s" : "%,10.0f %s", figure.value(), figure.unit());
        String beside = figure.baseline() == null ? "" : figure.measuresLatency()
                ? String.format(Locale.ROOT, " | raw p95 %,.1f ms, x%.1f", figure.baseline().value(), figure.ratio())
                : String.format(Locale.ROOT, " | raw %,.0f %s, %.0f %%", figure.baseline().value(), figure.baseline().unit(),
                        100 * figure.ratio());
        String target = figure.target() == null ? ""
                : " | target " + figure.target().goal() + (figure.target().met() ? ": met" : ": not met");
        return String.format(Locale.ROOT, "%-58s %s%s%s", figure.title(), value, beside, target);
    }

    private static void step(String what) {
        System.err.println();
        System.err.println("== " + what);
    }

    /** Parses {@code 20s}, {@code 2m} or an ISO-8601 duration. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value)
                    : Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
        }
    }

    /** The wrk settings of the write-path benchmarks. */
    static final class WrkOptions {

        @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
                description = "measuring time of each figure, after a fifth of it as warm-up (default ${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--connections", defaultValue = "8", description = "wrk connections (default ${DEFAULT-VALUE})")
        int connections;

        /** The write-path benchmarks, each figure beside the raw INSERT rate when one is given (or null). */
        WriteBench writeBench(Rate rawAppend) {
            return new WriteBench(new Wrk(baseUrl(), connections, System.err), duration, rawAppend);
        }
    }

    /** {@code ./jobstream bench submit}: POST /api/jobs/jdl with wrk, 1 and 20 jobs a request. */
    @Command(name = "submit", description = "POST /api/jobs/jdl: jobs per second with 1 and 20 jobs a request (wrk)")
    static class Submit implements Callable<Integer> {

        @Mixin
        WrkOptions options;

        @Override
        public Integer call() throws Exception {
            options.writeBench(null)
                    .submit(client("bench-" + System.currentTimeMillis()))
                    .forEach(figure -> System.out.println(line(figure)));
            return 0;
        }
    }

    /** {@code ./jobstream bench status}: PATCH /api/jobs/status with wrk, 1 and 100 jobs a request. */
    @Command(name = "status", description = "PATCH /api/jobs/status: updates per second, 1 and 100 jobs a request (wrk)")
    static class Status implements Callable<Integer> {

        @Mixin
        WrkOptions options;

        @Override
        public Integer call() throws Exception {
            ApiClient api = client("bench-" + System.currentTimeMillis());
            options.writeBench(null)
                    .status(api, submitJobs(api, 2000))
                    .forEach(figure -> System.out.println(line(figure)));
            return 0;
        }
    }

    /** {@code ./jobstream bench heartbeat}: PATCH /api/jobs/heartbeat with wrk, 1 and 100 jobs a request. */
    @Command(name = "heartbeat", description = "PATCH /api/jobs/heartbeat: heartbeats per second, 1 and 100 jobs a request (wrk)")
    static class Heartbeat implements Callable<Integer> {

        @Mixin
        WrkOptions options;

        @Override
        public Integer call() throws Exception {
            ApiClient api = client("bench-" + System.currentTimeMillis());
            options.writeBench(null)
                    .heartbeat(client("pilot", "GenericPilot"), submitJobs(api, 2000))
                    .forEach(figure -> System.out.println(line(figure)));
            return 0;
        }
    }
}

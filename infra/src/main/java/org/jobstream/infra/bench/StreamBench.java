package org.jobstream.infra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench stream}: many clients follow {@code GET /api/jobs/events}, each as a user
 * of its own, while pilots update one user's jobs at a share of the write path's peak; that user's
 * stream receives every one of those events. Probes: one watcher after another submits a job, and
 * the time from the {@code 201} until the job's event reaches that watcher's stream is the
 * command-to-screen delay. Meanwhile the owner's monitor screen is loaded again and again (a page
 * of its jobs, the charts): with {@code --jobs 10000}, how the monitor answers with that many
 * matching jobs while the stream and the writes run.
 */
@Command(name = "stream", description = "GET /api/jobs/events: many subscribers while pilots write; command-to-screen delay")
final class StreamBench implements Callable<Integer> {

    private static final Pattern SUBJECT = Pattern.compile("\"subject\":\"(\\d+)\"");

    @Mixin
    PilotOptions pilots;

    @Option(names = "--subscribers", defaultValue = "200", description = "clients following the stream (default ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--share", defaultValue = "0.5", description = "the pilots' rate as a share of the peak (default ${DEFAULT-VALUE})")
    double share;

    @Option(names = "--duration", defaultValue = "30s", converter = BenchCommand.DurationConverter.class,
            description = "how long the probes run (default ${DEFAULT-VALUE})")
    Duration duration;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One client of the stream: counts what it receives and reports the jobs it waits for. */
    private final class Watcher {
        final ApiClient client;
        /** Whether it notes when every job's event arrived (a watcher that receives only its probes). */
        final boolean probed;
        final AtomicLong events = new AtomicLong();
        final AtomicLong overflows = new AtomicLong();
        final Map<Long, CountDownLatch> awaited = new ConcurrentHashMap<>();
        final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        Stream<String> lines;

        Watcher(ApiClient client, boolean probed) {
            this.client = client;
            this.probed = probed;
        }

        void open() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/api/jobs/events"))
                    .header("Authorization", "Bearer " + client.token()).header("Accept", "text/event-stream").GET().build();
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the stream answered " + response.statusCode());
            }
            lines = response.body();
            Thread reader = new Thread(() -> {
                try {
                    lines.forEach(this::line);
                } catch (RuntimeException closed) {
                    // closed at the end of the run
                }
            }, "stream-watcher");
            reader.setDaemon(true);
            reader.start();
        }

        private void line(String line) {
            if (line.startsWith("event:") && line.contains("overflow")) {
                overflows.incrementAndGet();
            } else if (line.startsWith("data:")) {
                events.incrementAndGet();
                Matcher subject = probed ? SUBJECT.matcher(line) : null;
                if (subject != null && subject.find()) {
                    long jobId = Long.parseLong(subject.group(1));
                    arrivals.putIfAbsent(jobId, System.nanoTime());
                    CountDownLatch waiting = awaited.get(jobId);
                    if (waiting != null) {
                        waiting.countDown();
                    }
                }
            }
        }

        /** Submits a job and answers the nanoseconds from its 201 until its event arrived, or -1. */
        long probe() throws Exception {
            CountDownLatch arrived = new CountDownLatch(1);
            long submittedAt;
            long jobId;
            ApiClient.Answer answer = client.exchange(-1, "POST", "/api/jobs/jdl", List.of("Executable = \"echo\";"));
            submittedAt = System.nanoTime();
            if (answer.status() != 201) {
                return -1;
            }
            jobId = Long.parseLong(SUBJECT_OF_ANSWER.matcher(new String(answer.body())).results()
                    .findFirst().orElseThrow().group(1));
            awaited.put(jobId, arrived);
            if (arrivals.containsKey(jobId)) {
                arrived.countDown();
            }
            if (!arrived.await(5, TimeUnit.SECONDS)) {
                return -1;
            }
            return Math.max(0, arrivals.get(jobId) - submittedAt);
        }
    }

    private static final Pattern SUBJECT_OF_ANSWER = Pattern.compile("\"JobID\":(\\d+)");

    @Override
    public Integer call() throws Exception {
        PilotOptions.Setup setup = pilots.prepare("stream-");
        System.err.printf(Locale.ROOT, "== %d subscribers of the event stream while pilots update at %.0f %% of the peak (%,.0f/s)%n",
                subscribers, share * 100, setup.peak());
        List<Watcher> watchers = new ArrayList<>();
        Watcher owner = new Watcher(setup.user(), false);
        owner.open();
        watchers.add(owner);
        long stamp = System.currentTimeMillis();
        for (int i = 1; i < subscribers; i++) {
            Watcher watcher = new Watcher(BenchCommand.client("watcher-" + i + "-" + stamp), true);
            watcher.open();
            watchers.add(watcher);
            if (i % 50 == 0) {
                System.err.printf("  %d streams open%n", i);
            }
        }
        List<Long> delays = new ArrayList<>();
        List<Long> screens = new ArrayList<>();
        int lost = 0;
        long ownerEventsBefore = owner.events.get();
        long started = System.nanoTime();
        PilotLoad.Result written;
        ExecutorService browser = Executors.newFixedThreadPool(3);
        Thread screen = new Thread(() -> loadScreens(setup, browser, screens), "monitor-screen");
        try (PilotLoad load = new PilotLoad(setup.pilot(), setup.jobs(), PilotOptions.JOBS_PER_REQUEST, share * setup.peak(), 4)) {
            screen.start();
            long end = started + duration.toNanos();
            int next = 1;
            while (System.nanoTime() < end) {
                long delay = watchers.get(next).probe();
                next = next % (watchers.size() - 1) + 1;
                if (delay < 0) {
                    lost++;
                } else {
                    delays.add(delay);
                }
                Thread.sleep(100);
            }
            written = load.stop();
            screen.interrupt();
            screen.join();
            browser.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long ownerEvents = owner.events.get() - ownerEventsBefore;
        long overflows = watchers.stream().mapToLong(w -> w.overflows.get()).sum();
        watchers.forEach(w -> w.lines.close());
        Latency latency = LoadRun.percentiles(delays.stream().mapToLong(Long::longValue).toArray());
        System.out.printf(Locale.ROOT, "event stream: %d subscribers; pilots %,.0f status updates/s accepted (%d requests refused)%n",
                subscribers, written.acceptedPerSecond(), written.refused());
        System.out.printf(Locale.ROOT, "  the pilots' jobs' owner received %,.0f events/s on its stream; %d overflow closes%n",
                ownerEvents / seconds, overflows);
        System.out.printf(Locale.ROOT, "  command-to-screen delay over %d probes: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %d not seen within 5 s%n",
                delays.size(), latency.p50(), latency.p95(), latency.p99(), lost);
        Latency screenLatency;
        synchronized (screens) {
            screenLatency = LoadRun.percentiles(screens.stream().mapToLong(Long::longValue).toArray());
        }
        System.out.printf(Locale.ROOT, "  the monitor's screen of the owner's %,d jobs (a page of %d sorted, by site x status, by status),"
                        + " %d loads: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                setup.jobs().size(), SCREEN_PAGE, screens.size(), screenLatency.p50(), screenLatency.p95(), screenLatency.p99());
        return 0;
    }

    private static final int SCREEN_PAGE = 100;

    /**
     * What the monitor asks when the owner opens it or changes the filter, as the browser sends it
     * (three requests at once): the first page of the jobs, newest first, with the total in
     * Content-Range; the site x status chart; the values of Status for suggestions. Repeated until
     * interrupted, noting the time until all three answered.
     */
    private static void loadScreens(PilotOptions.Setup setup, ExecutorService browser, List<Long> screens) {
        ApiClient owner = setup.user();
        Map<String, Object> page = Map.of("search", List.of(), "sort", List.of(Map.of("parameter", "JobID", "direction", "desc")));
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long start = System.nanoTime();
                List<Future<ApiClient.Answer>> answers = browser.invokeAll(List.of(
                        () -> owner.exchange(-1, "POST", "/api/jobs/search?page=1&per_page=" + SCREEN_PAGE, page),
                        () -> owner.exchange(-1, "POST", "/api/jobs/summary", Map.of("grouping", List.of("Site", "Status"), "search", List.of())),
                        () -> owner.exchange(-1, "POST", "/api/jobs/summary", Map.of("grouping", List.of("Status"), "search", List.of()))));
                for (Future<ApiClient.Answer> answer : answers) {
                    int status = answer.get().status();
                    if (status != 200 && status != 206) {
                        throw new IllegalStateException("the monitor's request answered " + status);
                    }
                }
                long took = System.nanoTime() - start;
                synchronized (screens) {
                    screens.add(took);
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("  monitor screen: " + e.getMessage());
            }
        }
    }
}

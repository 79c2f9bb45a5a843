package org.jobstream.infra.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.jobstream.infra.cli.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench submit}: submissions per second against the running stack, for requests
 * of 1 and of 20 jobs. Not a test: it prints figures.
 */
@Command(name = "bench", description = "Benchmarks against the running stack (prints figures)",
        subcommands = {BenchCommand.Submit.class, BenchCommand.Status.class, BenchCommand.Heartbeat.class,
                LoadCommand.class, SearchBench.class, LagBench.class})
public class BenchCommand {

    static ApiClient client(String user, String... properties) throws Exception {
        String keys = System.getenv().getOrDefault("JOBSTREAM_KEYS", ".jobstream/keys");
        String token = Tokens.sign(Tokens.readPrivateKey(Path.of(keys, "jwt-private.pem")), user, "lhcb", "lhcb_user",
                properties.length == 0 ? List.of("NormalUser") : List.of(properties), Duration.ofHours(2),
                "jobstream-local", "jobstream");
        return new ApiClient(baseUrl(), token);
    }

    static String baseUrl() {
        return System.getenv().getOrDefault("JOBSTREAM_BASE_URL", "http://127.0.0.1:8000");
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

    /**
     * PATCHes {@code total} per-job entries to {@code path}, in requests of 1 and then of 100 jobs
     * (DiracX's bodies keyed by job ID), and prints the rate of each.
     */
    static void perJobBatches(String name, String unit, int total, int concurrency, List<Long> jobs, ApiClient api,
                              String path, BiFunction<Long, Integer, Object> entry) throws Exception {
        for (int batch : new int[] {1, 100}) {
            LoadRun.Result result = LoadRun.run(name + ", " + batch + " job(s) per request", total / batch, concurrency, i -> {
                Map<String, Object> body = new LinkedHashMap<>();
                for (int j = 0; j < batch; j++) {
                    long jobId = jobs.get((i * batch + j) % jobs.size());
                    body.put(Long.toString(jobId), entry.apply(jobId, i));
                }
                api.send("PATCH", path, body, 200);
                return batch;
            }, System.err);
            System.out.println(result.summary(unit));
        }
    }

    /** {@code PATCH /api/jobs/status}: updates per second in batches of 1 and of 100 jobs. */
    @Command(name = "status", description = "PATCH /api/jobs/status: updates per second, batches of 1 and 100 jobs")
    static class Status implements Callable<Integer> {

        @Option(names = "--updates", defaultValue = "4000", description = "job updates per run (default ${DEFAULT-VALUE})")
        int updates;

        @Option(names = "--concurrency", defaultValue = "8")
        int concurrency;

        @Override
        public Integer call() throws Exception {
            ApiClient api = client("bench-" + System.currentTimeMillis());
            List<Long> jobs = submitJobs(api, 1000);
            AtomicLong clock = new AtomicLong(
                    Instant.now().toEpochMilli());
            perJobBatches("status", "updates", updates, concurrency, jobs, api, "/api/jobs/status",
                    (jobId, i) -> Map.of(Instant.ofEpochMilli(clock.incrementAndGet()).toString(),
                            Map.of("MinorStatus", "step " + i, "Source", "bench")));
            return 0;
        }
    }

    /** {@code PATCH /api/jobs/heartbeat}: heartbeats per second in batches of 1 and of 100 jobs. */
    @Command(name = "heartbeat", description = "PATCH /api/jobs/heartbeat: heartbeats per second, batches of 1 and 100 jobs")
    static class Heartbeat implements Callable<Integer> {

        @Option(names = "--heartbeats", defaultValue = "4000", description = "job heartbeats per run (default ${DEFAULT-VALUE})")
        int heartbeats;

        @Option(names = "--concurrency", defaultValue = "8")
        int concurrency;

        @Override
        public Integer call() throws Exception {
            ApiClient api = client("bench-" + System.currentTimeMillis());
            ApiClient pilot = client("pilot", "GenericPilot");
            List<Long> jobs = submitJobs(api, 1000);
            perJobBatches("heartbeat", "heartbeats", heartbeats, concurrency, jobs, pilot, "/api/jobs/heartbeat",
                    (jobId, i) -> Map.of("LoadAverage", 1.5, "CPUConsumed", (double) i));
            return 0;
        }
    }

    @Command(name = "submit", description = "POST /api/jobs/jdl: jobs per second with 1 and 20 jobs per request")
    static class Submit implements Callable<Integer> {

        @Option(names = "--requests", defaultValue = "2000", description = "requests per run (default ${DEFAULT-VALUE})")
        int requests;

        @Option(names = "--concurrency", defaultValue = "8", description = "client threads (default ${DEFAULT-VALUE})")
        int concurrency;

        @Option(names = "--warmup", defaultValue = "200", description = "requests before measuring (default ${DEFAULT-VALUE})")
        int warmup;

        @Override
        public Integer call() throws Exception {
            ApiClient api = client("bench-" + System.currentTimeMillis());
            String jdl = "Executable = \"echo\"; Arguments = \"benchmark\"; JobName = \"bench\";";
            System.out.println("Submissions against " + System.getenv().getOrDefault("JOBSTREAM_BASE_URL", "http://127.0.0.1:8000")
                    + " with " + concurrency + " client threads");
            for (int jobsPerRequest : new int[] {1, 20}) {
                List<String> body = Collections.nCopies(jobsPerRequest, jdl);
                LoadRun.Operation submit = i -> api.send("POST", "/api/jobs/jdl", body, 201).size();
                LoadRun.run("warm-up", warmup, concurrency, submit, System.err);
                int calls = jobsPerRequest == 1 ? requests : Math.max(1, requests / 4);
                LoadRun.Result result = LoadRun.run("submit, " + jobsPerRequest + " job(s) per request", calls,
                        concurrency, submit, System.err);
                System.out.println(result.summary("jobs"));
            }
            return 0;
        }
    }
}

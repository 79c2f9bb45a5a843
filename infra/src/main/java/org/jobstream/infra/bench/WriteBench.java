package org.jobstream.infra.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jobstream.infra.bench.RawBaselines.Rate;
import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.client.ApiClient;

/**
 * The write path under wrk: submissions (1 and 20 jobs a request), status updates and heartbeats
 * (1 and 100 jobs a request, DiracX's bodies keyed by job ID). Each figure stands beside the raw
 * batched-INSERT rate of the event store's table when one is given: every job submitted, status
 * update and heartbeat is one event appended.
 */
final class WriteBench {

    private static final String JDL = "Executable = \"echo\"; Arguments = \"benchmark\"; JobName = \"bench\";";

    private final Wrk wrk;
    private final Duration duration;
    private final Rate rawAppend;

    /**
     * @param rawAppend the raw INSERT rate to set each figure beside, or null
     */
    WriteBench(Wrk wrk, Duration duration, Rate rawAppend) {
        this.wrk = wrk;
        this.duration = duration;
        this.rawAppend = rawAppend;
    }

    List<Figure> submit(ApiClient api) {
        List<Figure> figures = new ArrayList<>();
        for (int jobs : new int[] {1, 20}) {
            Wrk.Result result = afterCatchingUp().run("submit, " + jobs + " job(s) a request", "POST", "/api/jobs/jdl", api.token(),
                    List.of(Collections.nCopies(jobs, JDL)), jobs, duration);
            System.err.println(result.summary("jobs"));
            figures.add(figure("submit-" + jobs, result, "jobs/s", jobs == 20 ? 2000.0 : null));
        }
        return figures;
    }

    List<Figure> status(ApiClient api, List<Long> jobs) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return perJob("status", "status updates", api, "/api/jobs/status", jobs, 3000.0,
                (jobId, n) -> Map.of(base.plusNanos(n * 1000L).toString(), Map.of("MinorStatus", "step " + n, "Source", "bench")));
    }

    List<Figure> heartbeat(ApiClient pilot, List<Long> jobs) {
        return perJob("heartbeat", "heartbeats", pilot, "/api/jobs/heartbeat", jobs, 5000.0,
                (jobId, n) -> Map.of("LoadAverage", 1.5, "CPUConsumed", (double) n));
    }

    /** Prepared bodies of 1 and of 100 jobs each, enough that wrk seldom sends one twice. */
    private List<Figure> perJob(String id, String what, ApiClient api, String path, List<Long> jobs, double target,
                                BiFunction<Long, Integer, Object> entry) {
        List<Figure> figures = new ArrayList<>();
        int entries = 200_000;
        for (int batch : new int[] {1, 100}) {
            List<Map<String, Object>> bodies = new ArrayList<>();
            int n = 0;
            for (int b = 0; b < entries / batch; b++) {
                Map<String, Object> body = new LinkedHashMap<>();
                for (int j = 0; j < batch; j++, n++) {
                    long jobId = jobs.get(n % jobs.size());
                    body.put(Long.toString(jobId), entry.apply(jobId, n));
                }
                bodies.add(body);
            }
            Wrk.Result result = afterCatchingUp().run(what + ", " + batch + " job(s) a request", "PATCH", path, api.token(), bodies,
                    batch, duration);
            System.err.println(result.summary(what.replace(' ', '-')));
            figures.add(figure(id + "-" + batch, result, what + "/s", batch == 100 ? target : null));
        }
        return figures;
    }

    /**
     * wrk, once the read models include every event stored so far: each figure starts from a
     * pipeline that is not behind, so that the write path's back-pressure (503 past the lag bound)
     * left by the previous figure's backlog does not count against this one.
     */
    private Wrk afterCatchingUp() {
        try {
            LoadCommand.awaitReadModels(System.nanoTime());
        } catch (Exception e) {
            throw new IllegalStateException("The read models did not catch up before a write figure", e);
        }
        return wrk;
    }

    private Figure figure(String id, Wrk.Result result, String unit, Double target) {
        double rate = result.unitsPerSecond();
        return new Figure(id, "write", result.title(), unit, rate, result.latency(),
                rawAppend == null ? null : new Baseline("raw batched INSERT into the event store table (1,000 a transaction)",
                        "rows/s", rawAppend.perSecond(), rawAppend.latency()),
                target == null ? null : Target.atLeast(target, rate),
                result.failed() == 0 ? null : result.failed() + " of " + result.requests() + " requests failed");
    }
}

package org.jobstream.infra.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Series;
import org.jobstream.infra.client.ApiClient;
import picocli.CommandLine.Option;

/**
 * What the benchmarks of pilots writing while others read share: the jobs the pilots update (owned
 * by one user), and the write path's peak rate of status updates, given or measured.
 */
final class PilotOptions {

    /** Status updates in one pilot request: as pilots batch them. */
    static final int JOBS_PER_REQUEST = 100;

    @Option(names = "--peak", defaultValue = "0",
            description = "the write path's peak in status updates/s; 0 measures it first (default ${DEFAULT-VALUE})")
    double peak;

    @Option(names = "--jobs", defaultValue = "2000", description = "jobs the pilots update (default ${DEFAULT-VALUE})")
    int jobs;

    /** What a benchmark of pilots writing measured, as report figures and a series. */
    record Result(List<Figure> figures, Series series) {
    }

    /** The user's jobs the pilots update, a pilot, and the rate to take as the peak. */
    record Setup(ApiClient user, List<Long> jobs, ApiClient pilot, double peak) {
    }

    Setup prepare(String userPrefix) throws Exception {
        ApiClient user = BenchCommand.client(userPrefix + System.currentTimeMillis());
        List<Long> ids = BenchCommand.submitJobs(user, jobs);
        ApiClient pilot = BenchCommand.client("pilot", "GenericPilot");
        return new Setup(user, ids, pilot, peak > 0 ? peak : measurePeak(pilot, ids, Duration.ofSeconds(10)));
    }

    /** The write path's peak: status updates accepted per second by four clients sending as fast as they can. */
    static double measurePeak(ApiClient pilot, List<Long> jobs, Duration duration) throws Exception {
        PilotLoad load = new PilotLoad(pilot, jobs, JOBS_PER_REQUEST, 0, 4);
        Thread.sleep(duration.toMillis());
        PilotLoad.Result result = load.stop();
        System.err.printf(Locale.ROOT, "  peak: %,.0f status updates/s accepted (%d requests refused)%n",
                result.acceptedPerSecond(), result.refused());
        return result.acceptedPerSecond();
    }
}

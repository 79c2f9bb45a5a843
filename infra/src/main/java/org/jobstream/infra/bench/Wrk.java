package org.jobstream.infra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.infra.bench.report.BenchReport.Latency;

/**
 * Drives the API with wrk (Debian's HTTP load generator): a fixed number of connections send
 * requests back to back for a fixed time, each request's body taken in turn from a list that
 * the benchmark prepared. wrk measures throughput and latency percentiles itself.
 */
final class Wrk {

    /** What wrk measured; {@code units} per request (jobs, updates) turn requests into a rate. */
    record Result(String title, long requests, double seconds, long failed, Latency latency, int unitsPerRequest) {

        double unitsPerSecond() {
            return (requests - failed) * unitsPerRequest / seconds;
        }

        String summary(String unit) {
            return String.format(java.util.Locale.ROOT,
                    "%-44s %8.0f %s/s  (%6.0f requests/s)  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  failed %d",
                    title, unitsPerSecond(), unit, requests / seconds, latency.p50(), latency.p95(), latency.p99(), failed);
        }
    }

    private final ObjectMapper json = JobEventCodec.defaultMapper();
    private final String baseUrl;
    private final int connections;
    private final PrintStream progress;

    Wrk(String baseUrl, int connections, PrintStream progress) {
        this.baseUrl = baseUrl;
        this.connections = connections;
        this.progress = progress;
    }

    /** Sends {@code method path} with the bodies in turn for {@code duration}, after a warm-up of a fifth of it. */
    Result run(String title, String method, String path, String token, List<?> bodies, int unitsPerRequest,
               Duration duration) {
        try {
            Path dir = Files.createTempDirectory("jobstream-wrk");
            try {
                Path script = dir.resolve("bodies.lua");
                try (InputStream lua = Wrk.class.getResourceAsStream("/bench/wrk-bodies.lua")) {
                    Files.copy(lua, script);
                }
                List<String> lines = new ArrayList<>();
                for (Object body : bodies) {
                    lines.add(json.writeValueAsString(body));
                }
                Path file = dir.resolve("bodies.jsonl");
                Files.write(file, lines, StandardCharsets.UTF_8);
                run(title + " (warm-up)", method, path, token, script, file, duration.dividedBy(5), unitsPerRequest);
                return run(title, method, path, token, script, file, duration, unitsPerRequest);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result run(String title, String method, String path, String token, Path script, Path bodies,
                       Duration duration, int unitsPerRequest) throws IOException {
        List<String> command = List.of("wrk", "--threads", "2", "--connections", Integer.toString(connections),
                "--duration", Math.max(1, duration.toSeconds()) + "s", "--timeout", "30s", "--script", script.toString(),
                "--header", "Authorization: Bearer " + token, "--header", "Content-Type: application/json",
                baseUrl + path, "--", method, bodies.toString());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Long> figures = new HashMap<>();
        List<String> output = new ArrayList<>();
        Thread ticker = ticker(title, duration);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("WRK_RESULT ")) {
                    for (String pair : line.substring("WRK_RESULT ".length()).trim().split(" ")) {
                        String[] kv = pair.split("=", 2);
                        figures.put(kv[0], Long.parseLong(kv[1]));
                    }
                }
            }
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            wrk.destroyForcibly();
        } finally {
            ticker.interrupt();
        }
        if (!figures.containsKey("requests")) {
            throw new IllegalStateException("wrk gave no result: " + String.join("\n", output));
        }
        long failed = figures.get("non2xx") + figures.get("connect") + figures.get("read") + figures.get("write")
                + figures.get("timeout");
        if (failed > 0) {
            progress.printf("  %s: %d of %d requests failed%n", title, failed, figures.get("requests"));
        }
        return new Result(title, figures.get("requests"), figures.get("duration_us") / 1e6, failed,
                new Latency(figures.get("p50_us") / 1e3, figures.get("p95_us") / 1e3, figures.get("p99_us") / 1e3),
                unitsPerRequest);
    }

    /** Prints how far the run is every five seconds. */
    private Thread ticker(String title, Duration duration) {
        long start = System.nanoTime();
        Thread ticker = new Thread(() -> {
            try {
                while (true) {
                    TimeUnit.SECONDS.sleep(5);
                    progress.printf("  %s: %d/%d s%n", title, (System.nanoTime() - start) / 1_000_000_000L,
                            duration.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wrk-progress");
        ticker.setDaemon(true);
        ticker.start();
        return ticker;
    }
}

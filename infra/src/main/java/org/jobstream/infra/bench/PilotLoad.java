package org.jobstream.infra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.infra.client.ApiClient;

/**
 * Pilots updating their jobs' statuses in the background: {@code PATCH /api/jobs/status} of
 * {@code jobsPerRequest} jobs a request (one update each, so one event each), either at a fixed
 * rate of events per second (open loop: a request that cannot be sent because too many are in
 * flight is counted as missed, never queued) or, with a rate of 0, as fast as {@code connections}
 * clients can (closed loop). It counts the events the command service accepted and the requests it
 * refused with {@code 503} (back-pressure).
 */
final class PilotLoad implements AutoCloseable {

    /** What the pilots send: status updates (one minor status each) or heartbeats (six values each). */
    enum Kind { STATUS, HEARTBEAT }

    /** What the load did: accepted events, refused and failed requests, missed sends, over how long. */
    record Result(long acceptedEvents, long refused, long failed, long missed, Duration elapsed) {

        double acceptedPerSecond() {
            return acceptedEvents / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private static final int MAX_IN_FLIGHT = 32;

    private final Kind kind;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ApiClient pilot;
    private final List<Long> jobs;
    private final int jobsPerRequest;
    private final double eventsPerSecond;
    private final int connections;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final ExecutorService threads;
    private final long started = System.nanoTime();

    /**
     * Starts the load.
     *
     * @param eventsPerSecond the rate to keep, or 0 for as fast as the service answers
     */
    PilotLoad(ApiClient pilot, List<Long> jobs, int jobsPerRequest, double eventsPerSecond, int connections) {
        this(Kind.STATUS, pilot, jobs, jobsPerRequest, eventsPerSecond, connections);
    }

    PilotLoad(Kind kind, ApiClient pilot, List<Long> jobs, int jobsPerRequest, double eventsPerSecond, int connections) {
        this.kind = kind;
        this.pilot = pilot;
        this.jobs = jobs;
        this.jobsPerRequest = jobsPerRequest;
        this.eventsPerSecond = eventsPerSecond;
        this.connections = connections;
        this.threads = Executors.newFixedThreadPool(eventsPerSecond > 0 ? 1 : connections, runnable -> {
            Thread thread = new Thread(runnable, "pilot-load");
            thread.setDaemon(true);
            return thread;
        });
        if (eventsPerSecond > 0) {
            threads.submit(this::paced);
        } else {
            for (int c = 0; c < connections; c++) {
                threads.submit(this::closedLoop);
            }
        }
    }

    /** Events accepted so far. */
    long accepted() {
        return accepted.get();
    }

    /** Requests refused with 503 so far. */
    long refused() {
        return refused.get();
    }

    /** Stops the load, waits for the requests in flight, and answers what it did. */
    Result stop() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
        return new Result(accepted.get(), refused.get(), failed.get(), missed.get(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }

    private void paced() {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long intervalNanos = (long) (jobsPerRequest * 1e9 / eventsPerSecond);
        long next = System.nanoTime();
        while (running.get()) {
            if (inFlight.tryAcquire()) {
                http.sendAsync(request(), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, error) -> {
                            count(response == null ? -1 : response.statusCode());
                            inFlight.release();
                        });
            } else {
                missed.incrementAndGet();
            }
            next += intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        inFlight.acquireUninterruptibly(MAX_IN_FLIGHT);
    }

    private void closedLoop() {
        while (running.get()) {
            try {
                count(http.send(request(), HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                count(-1);
            }
        }
    }

    /** The {@code n}-th heartbeat of a job: the six values a DIRAC job wrapper sends, as numbers. */
    private static Map<String, Object> heartbeat(long n) {
        Map<String, Object> values = new LinkedHashMap<>();
        StoredRows.pilotValues((int) n).forEach((name, value) -> values.put(name, Double.parseDouble(value)));
        return values;
    }

    private void count(int status) {
        if (status == 200) {
            accepted.addAndGet(jobsPerRequest);
        } else if (status == 503) {
            refused.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    /**
     * One request: the next {@code jobsPerRequest} jobs, each with one update a little later than the
     * last, or one heartbeat with the values a job wrapper sends.
     */
    private HttpRequest request() {
        long n = sequence.getAndAdd(jobsPerRequest);
        Map<String, Object> body = new LinkedHashMap<>();
        for (int j = 0; j < jobsPerRequest; j++) {
            long jobId = jobs.get((int) ((n + j) % jobs.size()));
            body.put(Long.toString(jobId), kind == Kind.HEARTBEAT ? heartbeat((n + j) / jobs.size() + 1)
                    : Map.of(base.plusNanos((n + j) * 1000L).toString(),
                            Map.of("MinorStatus", "pilot step " + (n + j), "Source", "bench")));
        }
        String path = kind == Kind.HEARTBEAT ? "/api/jobs/heartbeat" : "/api/jobs/status";
        try {
            return HttpRequest.newBuilder(URI.create(pilot.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + pilot.token())
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JobEventCodec.defaultMapper().writeValueAsBytes(body)))
                    .build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

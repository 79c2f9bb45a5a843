package org.jobstream.infra.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jobstream.api.ApiHeaders;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.infra.local.LocalStack;
import org.jobstream.store.EventStoreHead;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * How far the read models are behind the event store, as the benchmarks watch it: the store's
 * head (from PostgreSQL, through the shared store's reader) against the position the read models
 * include (the {@code X-Jobstream-Read-Position} of a search by a caller with nothing pending).
 */
final class StoreProbe {

    /** One look: the store's head, what the read models include, and the age of the oldest event they lack. */
    record Sample(long head, long visible, double lagSeconds) {

        long backlog() {
            return Math.max(0, head - visible);
        }
    }

    private final EventStoreHead head;
    private final ApiClient observer;

    StoreProbe() throws Exception {
        LocalStack stack = BenchCommand.stack();
        DriverManagerDataSource database = new DriverManagerDataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        database.setConnectionProperties(new java.util.Properties() {{
            setProperty("options", "-c search_path=eventstore");
        }});
        this.head = new EventStoreHead(JdbcClient.create(database));
        this.observer = BenchCommand.client("bench-observer", "JobAdministrator");
    }

    long head() {
        return head.position();
    }

    Sample sample() throws Exception {
        long store = head.position();
        ApiClient.Answer answer = observer.exchange(-1, "POST", "/api/jobs/search?per_page=1",
                Map.of("parameters", java.util.List.of("JobID")));
        long visible = answer.header(ApiHeaders.READ_POSITION).map(Long::parseLong).orElse(0L);
        double lag = visible >= store ? 0 : head.timeOfFirstAfter(visible)
                .map(first -> Math.max(0, Duration.between(first, Instant.now()).toMillis() / 1000.0)).orElse(0.0);
        return new Sample(store, visible, lag);
    }

    /** Waits until the read models include everything the store held when called; the seconds it took. */
    double awaitCaughtUp(Duration limit) throws Exception {
        long target = head.position();
        long start = System.nanoTime();
        long reported = start;
        while (System.nanoTime() - start < limit.toNanos()) {
            Sample now = sample();
            if (now.visible() >= target) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() - reported > 5_000_000_000L) {
                reported = System.nanoTime();
                System.err.printf("  draining: %,d events behind (%.0f s)%n", target - now.visible(),
                        (System.nanoTime() - start) / 1e9);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The read models did not catch up with position " + target + " within " + limit);
    }
}

package org.jobstream.query.consistency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jobstream.access.Caller;
import org.jobstream.api.ApiHeaders;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Unavailable;
import org.jobstream.store.CallerPositions;
import org.jobstream.store.EventStoreHead;
import org.jobstream.store.ReadModelVisibility;
import org.jobstream.store.ReadModelVisibility.Visible;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Read your own writes, and never wait for anyone else's. Before a read, it finds the position the
 * read must see: the one the client sent ({@code X-Jobstream-Position}), or else the caller's own
 * newest acknowledged command ({@link CallerPositions}). A caller with nothing pending is answered
 * at once; otherwise the read waits, bounded, until the read models include that position, and
 * fails with {@code 503} and {@code Retry-After} rather than answer without the caller's writes.
 * Every answer says how fresh the read models were ({@code X-Jobstream-Read-Position},
 * {@code X-Jobstream-Read-Time}).
 */
@Component
public class ReadModelBarrier {

    private static final Logger log = LoggerFactory.getLogger(ReadModelBarrier.class);
    private static final Pattern POSITION = Pattern.compile("\\d{1,19}");
    static final String WAIT = "jobstream.read.wait";
    static final String WAIT_NONE = "none";
    static final String WAIT_CAUGHT_UP = "caught_up";
    static final String WAIT_TIMED_OUT = "timed_out";

    private final VisibilityTracker tracker;
    private final ReadModelVisibility visibility;
    private final CallerPositions callers;
    private final EventStoreHead head;
    private final Duration maxWait;
    private final MeterRegistry registry;

    ReadModelBarrier(VisibilityTracker tracker, ReadModelVisibility visibility, CallerPositions callers,
                     EventStoreHead head, @Value("${jobstream.consistency.max-wait}") Duration maxWait,
                     MeterRegistry registry) {
        this.tracker = tracker;
        this.visibility = visibility;
        this.callers = callers;
        this.head = head;
        this.maxWait = maxWait;
        this.registry = registry;
    }

    /**
     * Waits until the read models include the caller's own writes, or the position given.
     *
     * @param position the request's {@code X-Jobstream-Position}, if any
     * @throws Invalid for a position that is not a non-negative integer up to the store's
     *                      head; 503 when the read models do not include it within the bound
     */
    public void await(Caller caller, Optional<String> position) {
        long target = position.isPresent() ? checked(position.get()) : callers.of(caller.subject()).orElse(0L);
        Visible visible = tracker.latest();
        if (!visibility.includes(visible, target)) {
            long start = System.nanoTime();
            try {
                visible = waitFor(target);
            } catch (Unavailable e) {
                waited(WAIT_TIMED_OUT, start);
                throw e;
            }
            waited(WAIT_CAUGHT_UP, start);
        } else {
            waited(WAIT_NONE, System.nanoTime());
        }
        answerFreshness(visible);
    }

    /**
     * The read-wait stage's metric: how long reads waited for their caller's writes, by outcome
     * ({@code none}: the read models already had them; {@code caught_up}; {@code timed_out}: answered
     * 503, the back-pressure a reader sees).
     */
    private void waited(String outcome, long start) {
        Timer.builder(WAIT)
                .description("Time a read waited for the read models to include its caller's writes")
                .tag("outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private long checked(String position) {
        String value = position.trim();
        if (!POSITION.matcher(value).matches()) {
            throw Invalid.at("header", ApiHeaders.POSITION, "Must be a non-negative integer", position);
        }
        long target;
        try {
            target = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Invalid.at("header", ApiHeaders.POSITION, "Must be a non-negative integer", position);
        }
        long storeHead = head.position();
        if (target > storeHead) {
            throw Invalid.at("header", ApiHeaders.POSITION,
                    "No such position: the event store's newest is " + storeHead, position);
        }
        return target;
    }

    private Visible waitFor(long target) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pauseMillis = 1;
        while (true) {
            Visible visible = tracker.refreshed();
            if (visibility.includes(visible, target)) {
                return visible;
            }
            if (System.nanoTime() > deadline) {
                log.warn("The read models did not include position {} within {} (they include {})",
                        target, maxWait, visible.position());
                throw new Unavailable("The read models have not caught up with your latest changes yet; retry shortly");
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("Interrupted while waiting for the read models");
            }
            pauseMillis = Math.min(pauseMillis * 2, 20);
        }
    }

    private static void answerFreshness(Visible visible) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getResponse() != null) {
            HttpServletResponse response = request.getResponse();
            response.setHeader(ApiHeaders.READ_POSITION, Long.toString(visible.position()));
            if (visible.newestEvent() != null) {
                response.setHeader(ApiHeaders.READ_TIME, visible.newestEvent().toString());
            }
            if (visible.deadLetters() > 0) {
                response.setHeader(ApiHeaders.DEAD_LETTERS, Long.toString(visible.deadLetters()));
            }
        }
    }
}

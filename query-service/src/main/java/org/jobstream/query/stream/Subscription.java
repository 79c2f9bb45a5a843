package org.jobstream.query.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jobstream.query.stream.EventBacklog.Entry;
import org.jobstream.query.stream.StreamedEvent.JobFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client of the event stream: the events the fan-out hands it wait in a bounded queue, and its
 * own thread sends them (a slow client blocks only itself). A client that falls {@code limit}
 * events behind is sent an {@code overflow} event and closed: it reconnects with the id of the
 * last event it received and resumes there, from the fan-out's backlog or from Kafka.
 */
final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final Duration RECONNECT = Duration.ofSeconds(2);
    /** The most events sent in one write. */
    private static final int BATCH = 256;

    private final SseEmitter emitter;
    private final StreamFilter filter;
    private final JobDirectory jobs;
    private final int limit;
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private volatile boolean overflowed;
    private volatile boolean closed;
    /** Where the client is: the id of the next event it is sent. Only the subscription's thread moves it. */
    private StreamPosition position;

    Subscription(SseEmitter emitter, StreamFilter filter, JobDirectory jobs, int limit, StreamPosition from) {
        this.emitter = emitter;
        this.filter = filter;
        this.jobs = jobs;
        this.limit = limit;
        this.position = from;
        emitter.onCompletion(() -> closed = true);
        emitter.onTimeout(() -> closed = true);
        emitter.onError(e -> closed = true);
    }

    StreamPosition position() {
        return position;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Hands over the next record the stream went through (from the fan-out's thread: never blocks).
     * A record the client may not receive is decided here, when the fan-out knows the job, so that
     * the client's thread wakes only for what it sends. Returns false once the subscription is over,
     * which removes it.
     */
    boolean offer(Entry entry) {
        if (closed || overflowed) {
            return !closed;
        }
        if (!filter.mayMatch(entry.event())) {
            return true;
        }
        if (filter.needsFacts() && entry.facts().isPresent() && !filter.matches(entry.event(), entry.facts().get())) {
            return true;
        }
        if (queue.size() >= limit) {
            overflowed = true;
            return true;
        }
        queue.add(entry);
        return true;
    }

    /**
     * Opens the stream: the answer's headers and a first comment go out at once (a client knows it
     * is subscribed before any event), with the delay a browser waits before it reconnects.
     */
    void open() throws IOException {
        emitter.send(SseEmitter.event().reconnectTime(RECONNECT.toMillis()).comment("subscribed"));
    }

    /** Records the fan-out's backlog missed by the client, before any live one (no limit on these). */
    void replay(List<Entry> missed) {
        missed.stream().filter(entry -> filter.mayMatch(entry.event())).forEach(queue::add);
    }

    /** Sends one record read straight from Kafka while catching up; its position is exact. */
    void sendCaughtUp(StreamedEvent event) throws IOException {
        position = position.after(event.partition(), event.offset());
        if (filter.mayMatch(event)) {
            sendIfVisible(event, Optional.empty());
        }
    }

    /** Moves past records that are gone: the next one the client can get is at {@code offset}. */
    void skipTo(int partition, long offset) {
        position = position.after(partition, offset - 1);
    }

    /** Says that events the client missed are gone from Kafka (past the topic's retention). */
    void sendGap(Map<Integer, Long> from) throws IOException {
        emitter.send(SseEmitter.event().name("gap")
                .data(Map.of("detail", "Some events since the given Last-Event-ID are past the topic's retention; "
                        + "the stream continues from the oldest ones kept", "resumedAt", from), MediaType.APPLICATION_JSON));
    }

    /** Sends what the fan-out hands over until the client leaves, falls behind, or the stream ends. */
    void run(Duration heartbeat) {
        try {
            while (!closed) {
                Entry entry = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (entry != null) {
                    List<Entry> ready = new ArrayList<>(List.of(entry));
                    queue.drainTo(ready, BATCH - 1);
                    sendVisible(ready);
                } else if (overflowed) {
                    emitter.send(SseEmitter.event().name("overflow").data(Map.of("detail",
                            "This client fell more than " + limit + " events behind; reconnect with the last "
                                    + "event's id as Last-Event-ID to resume"), MediaType.APPLICATION_JSON));
                    log.info("Event stream subscriber fell {} events behind at {}: closed, it may resume", limit, position);
                    close();
                } else {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            }
        } catch (IOException e) {
            closed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    void close() {
        closed = true;
        emitter.complete();
    }

    /**
     * Sends those of the entries the client may see, in one write and one flush (a client that
     * receives hundreds of events a second is not sent each in a network write of its own).
     */
    private void sendVisible(List<Entry> ready) throws IOException {
        // The parts keep their order and all stay (DataWithMediaType has identity equality).
        Set<DataWithMediaType> out = new LinkedHashSet<>();
        for (Entry entry : ready) {
            position = position.max(entry.after());
            if (visible(entry.event(), entry.facts())) {
                out.addAll(SseEmitter.event().id(position.id()).data(entry.event().json(), MediaType.APPLICATION_JSON).build());
            }
        }
        if (!out.isEmpty()) {
            emitter.send(out);
        }
    }

    /** Sends the event if the client may see it; the job is looked up unless {@code known}. */
    private void sendIfVisible(StreamedEvent event, Optional<JobFacts> known) throws IOException {
        if (visible(event, known)) {
            emitter.send(SseEmitter.event().id(position.id()).data(event.json(), MediaType.APPLICATION_JSON));
        }
    }

    private boolean visible(StreamedEvent event, Optional<JobFacts> known) {
        return !filter.needsFacts()
                || known.or(() -> jobs.of(event.jobId())).map(facts -> filter.matches(event, facts)).orElse(false);
    }
}

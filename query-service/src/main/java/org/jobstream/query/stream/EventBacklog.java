package org.jobstream.query.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.jobstream.query.stream.StreamedEvent.JobFacts;

/**
 * The newest records the stream has gone through, in the order it went through them, each with the
 * stream's position after it: what a subscriber that reconnects shortly after it left is sent again
 * from. Holds at most {@code capacity} records; not thread-safe (the fan-out guards it).
 */
final class EventBacklog {

    /**
     * A record and the position of a subscriber that has been through it and all before it, with
     * its job's owner, VO and group when the fan-out looked them up (empty when it had no reason to:
     * no subscriber then, or the job is unknown).
     */
    record Entry(StreamedEvent event, StreamPosition after, Optional<JobFacts> facts) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    /** Per partition, the lowest offset from which every record of the partition is here. */
    private StreamPosition floor;
    private StreamPosition head;

    /** An empty backlog whose stream starts at {@code start}. */
    EventBacklog(int capacity, StreamPosition start) {
        this.capacity = capacity;
        this.floor = start;
        this.head = start;
    }

    /** The stream's position: after every record it has gone through. */
    StreamPosition head() {
        return head;
    }

    /** Appends the next record the stream went through; returns its entry. */
    Entry append(StreamedEvent event, Optional<JobFacts> facts) {
        head = head.after(event.partition(), event.offset());
        Entry entry = new Entry(event, head, facts);
        entries.addLast(entry);
        if (entries.size() > capacity) {
            Entry evicted = entries.removeFirst();
            floor = floor.after(evicted.event().partition(), evicted.event().offset());
        }
        return entry;
    }

    /**
     * The records a subscriber at {@code from} has not been through yet, in the stream's order; empty
     * when some of them are no longer here (it has to read them from Kafka first). A position past
     * the head in some partition has nothing to catch up there.
     */
    Optional<List<Entry>> after(StreamPosition from) {
        if (!from.atOrPast(floor)) {
            return Optional.empty();
        }
        List<Entry> missed = new ArrayList<>();
        for (Entry entry : entries) {
            if (from.ahead(entry.event().partition(), entry.event().offset())) {
                missed.add(entry);
            }
        }
        return Optional.of(missed);
    }

    int size() {
        return entries.size();
    }
}

package org.jobstream.query.stream;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a subscriber of the event stream stands: for each partition of the job events topic, the
 * offset of the first record it has not been through yet (delivered or filtered out). It is the
 * {@code id} of every event the stream sends, and what a reconnecting client sends back as
 * {@code Last-Event-ID}: the stream resumes after it, in every partition, so no event is lost or
 * sent twice. Written as the offsets joined by dots ({@code "1042.998.1203"}).
 */
record StreamPosition(long[] next) {

    StreamPosition {
        next = next.clone();
    }

    /** Parses an id this stream wrote; empty unless it is one offset per partition, none negative. */
    static Optional<StreamPosition> parse(String text, int partitions) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != partitions) {
            return Optional.empty();
        }
        long[] next = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            if (!parts[p].matches("\\d{1,18}")) {
                return Optional.empty();
            }
            next[p] = Long.parseLong(parts[p]);
        }
        return Optional.of(new StreamPosition(next));
    }

    int partitions() {
        return next.length;
    }

    long next(int partition) {
        return next[partition];
    }

    /** Whether the record at {@code offset} of {@code partition} is still ahead of this position. */
    boolean ahead(int partition, long offset) {
        return offset >= next[partition];
    }

    /** This position once the record at {@code offset} of {@code partition} is behind it too. */
    StreamPosition after(int partition, long offset) {
        long[] moved = next.clone();
        moved[partition] = Math.max(moved[partition], offset + 1);
        return new StreamPosition(moved);
    }

    /** The further of the two positions in each partition. */
    StreamPosition max(StreamPosition other) {
        long[] max = next.clone();
        for (int p = 0; p < max.length; p++) {
            max[p] = Math.max(max[p], other.next[p]);
        }
        return new StreamPosition(max);
    }

    /** Whether this position is at or past {@code other} in every partition. */
    boolean atOrPast(StreamPosition other) {
        for (int p = 0; p < next.length; p++) {
            if (next[p] < other.next[p]) {
                return false;
            }
        }
        return true;
    }

    String id() {
        return Arrays.stream(next).mapToObj(Long::toString).collect(Collectors.joining("."));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamPosition position && Arrays.equals(next, position.next);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(next);
    }

    @Override
    public String toString() {
        return id();
    }
}

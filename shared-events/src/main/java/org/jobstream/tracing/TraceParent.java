package org.jobstream.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}): which trace a
 * request belongs to and which span caused what follows. A request brings one (header
 * {@code traceparent}) or gets a new trace; its commands carry it in their metadata, their events
 * store it, the publisher puts it on each CloudEvent (the {@code traceparent} extension of
 * CloudEvents' distributed tracing), and the projections log it with the event they apply.
 *
 * @param traceId  32 lowercase hex digits, not all zero
 * @param parentId 16 lowercase hex digits, not all zero: the span that caused what carries it
 * @param flags    2 hex digits ({@code 01}: sampled)
 */
public record TraceParent(String traceId, String parentId, String flags) {

    /** The header, the metadata key and the CloudEvents extension attribute. */
    public static final String NAME = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public TraceParent {
        if (!FORMAT.matcher("00-" + traceId + "-" + parentId + "-" + flags).matches()
                || traceId.chars().allMatch(c -> c == '0') || parentId.chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("Not a W3C traceparent: 00-" + traceId + "-" + parentId + "-" + flags);
        }
    }

    /** Reads a {@code traceparent} value; empty when it is missing or not of version 00 in the W3C format. */
    public static Optional<TraceParent> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(value.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TraceParent(matcher.group(1), matcher.group(2), matcher.group(3)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A new trace, sampled, whose first span is a new one. */
    public static TraceParent newTrace() {
        return new TraceParent(randomHex(16), randomHex(8), "01");
    }

    /** A span of the same trace caused by this one: same trace id and flags, a new parent id. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), flags);
    }

    /** The header's value. */
    @Override
    public String toString() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            RANDOM.nextBytes(random);
        } while (allZero(random));
        return HexFormat.of().formatHex(random);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

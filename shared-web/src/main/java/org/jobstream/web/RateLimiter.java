package org.jobstream.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per caller: up to {@code burst} requests at once, refilled at {@code perSecond}.
 * Pure (time is passed in), so its behaviour is tested without waiting.
 */
public final class RateLimiter {

    private record Bucket(double tokens, long atNanos) {
    }

    private final double perSecond;
    private final double burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, double burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("A rate limit needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request from the caller's bucket; false when it is empty. */
    public boolean tryAcquire(String caller, long nowNanos) {
        boolean[] granted = {false};
        buckets.compute(caller, (key, bucket) -> {
            double tokens = bucket == null ? burst
                    : Math.min(burst, bucket.tokens() + (nowNanos - bucket.atNanos()) / 1e9 * perSecond);
            granted[0] = tokens >= 1;
            return new Bucket(granted[0] ? tokens - 1 : tokens, nowNanos);
        });
        return granted[0];
    }

    /** Seconds until the caller's next request would be granted (at least 1, for {@code Retry-After}). */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }
}

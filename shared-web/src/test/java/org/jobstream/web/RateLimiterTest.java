package org.jobstream.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aCallerMayBurstThenIsHeldToTheRate() {
        RateLimiter limiter = new RateLimiter(2, 3);

        assertThat(limiter.tryAcquire("alice", 0)).isTrue();
        assertThat(limiter.tryAcquire("alice", 0)).isTrue();
        assertThat(limiter.tryAcquire("alice", 0)).isTrue();
        assertThat(limiter.tryAcquire("alice", 0)).isFalse();
        assertThat(limiter.tryAcquire("alice", SECOND / 2)).isTrue();
        assertThat(limiter.tryAcquire("alice", SECOND / 2)).isFalse();
    }

    @Test
    void eachCallerHasTheirOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, 1);

        assertThat(limiter.tryAcquire("alice", 0)).isTrue();
        assertThat(limiter.tryAcquire("bob", 0)).isTrue();
        assertThat(limiter.tryAcquire("alice", 0)).isFalse();
    }

    @Test
    void anIdleCallerDoesNotSaveMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 2);

        assertThat(limiter.tryAcquire("alice", 0)).isTrue();
        assertThat(limiter.tryAcquire("alice", 100 * SECOND)).isTrue();
        assertThat(limiter.tryAcquire("alice", 100 * SECOND)).isTrue();
        assertThat(limiter.tryAcquire("alice", 100 * SECOND)).isFalse();
        assertThat(limiter.retryAfterSeconds()).isEqualTo(1);
    }
}

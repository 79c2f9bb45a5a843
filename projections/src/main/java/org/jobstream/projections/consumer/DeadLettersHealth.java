package org.jobstream.projections.consumer;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports, as part of the health endpoint, how many events the projections parked and nobody has
 * applied since. The service stays up (the other events are applied), but the count is in the
 * answer for {@code ./jobstream status} and monitoring to see.
 */
@Component("deadLettersHealthIndicator")
class DeadLettersHealth implements HealthIndicator {

    private final DeadLetterLog log;

    DeadLettersHealth(DeadLetterLog log) {
        this.log = log;
    }

    @Override
    public Health health() {
        long unresolved = log.unresolvedCount();
        Health.Builder health = Health.up().withDetail("unresolved", unresolved);
        return unresolved == 0 ? health.build()
                : health.withDetail("action", "./jobstream dead-letters lists them; --replay applies them after a fix").build();
    }
}

package org.jobstream.command.submission;

import org.jobstream.store.SubmissionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the idempotency keys older than their keep period, every {@code clean-every} (an hour by
 * default). Lookups ignore expired keys anyway, so this only keeps the table small; every instance
 * runs it, and a delete that finds nothing left to delete costs one indexed statement.
 */
@Component
class SubmissionKeyCleaner {

    private static final Logger log = LoggerFactory.getLogger(SubmissionKeyCleaner.class);

    private final SubmissionKeys keys;

    SubmissionKeyCleaner(SubmissionKeys keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelayString = "${jobstream.idempotency.clean-every:1h}",
            initialDelayString = "${jobstream.idempotency.clean-every:1h}")
    void forgetExpired() {
        try {
            int forgotten = keys.forgetExpired();
            log.debug("Forgot {} expired submission keys", forgotten);
        } catch (DataAccessException e) {
            log.warn("Cannot delete the expired submission keys now (the next run tries again): {}", e.toString());
        }
    }
}

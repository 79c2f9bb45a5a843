package org.jobstream.command.config;

import java.util.Map;
import org.jobstream.access.AdminAccessPolicy;
import org.jobstream.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/job-cache/evict}: drops every job this instance holds in its job cache, so that
 * the next command on each loads it from the event store (its snapshot and the events after it), as
 * after a restart. Job administrators only (through the entry point or on the service's own port);
 * {@code ./jobstream bench cold} measures cold jobs with it. Answers how many
 * jobs were dropped.
 */
@RestController
class JobCacheController {

    private static final Logger log = LoggerFactory.getLogger(JobCacheController.class);

    private final BoundedCache jobCache;

    JobCacheController(BoundedCache jobCache) {
        this.jobCache = jobCache;
    }

    @PostMapping("/admin/job-cache/evict")
    Map<String, Integer> evict(Caller caller) {
        AdminAccessPolicy.checkAdministrator(caller);
        int dropped = jobCache.clear();
        log.info("Dropped {} cached jobs at the request of {}", dropped, caller.subject());
        return Map.of("evicted", dropped);
    }
}

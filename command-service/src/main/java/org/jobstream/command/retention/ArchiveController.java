package org.jobstream.command.retention;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import org.jobstream.access.AdminAccessPolicy;
import org.jobstream.access.Caller;
import org.jobstream.errors.Invalid;
import org.jobstream.store.archive.JobArchiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/archive?finished_before=<ISO-8601 instant>&limit=<n>[&job_id=<id>...]}: moves
 * up to {@code limit} finished jobs (among the {@code job_id}s, when given) whose newest event is
 * older than {@code finished_before} from the event table to the archive in the object store (see {@link JobArchiver}); their history, ownership, search and
 * rebuilds keep working through the archive, and commands on them are refused ({@code 409}). Job
 * administrators only (through the entry point or on the service's own port);
 * {@code ./jobstream archive} calls it. Answers the jobs archived and those left, with why.
 */
@RestController
class ArchiveController {

    static final int MAX_LIMIT = 100_000;

    private static final Logger log = LoggerFactory.getLogger(ArchiveController.class);

    private final JobArchiver archiver;
    private final Cache jobCache;

    ArchiveController(JobArchiver archiver, Cache jobCache) {
        this.archiver = archiver;
        this.jobCache = jobCache;
    }

    @PostMapping("/admin/archive")
    Map<String, Object> archive(Caller caller, @RequestParam("finished_before") String finishedBefore,
                                @RequestParam(name = "limit", defaultValue = "1000") int limit,
                                @RequestParam(name = "job_id", required = false) List<Long> jobIds) {
        AdminAccessPolicy.checkAdministrator(caller);
        Instant cutoff = cutoff(finishedBefore);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Invalid.at("query", "limit", "limit must lie between 1 and " + MAX_LIMIT, limit);
        }
        log.info("{} asked to archive up to {} jobs finished before {}", caller.subject(), limit, cutoff);
        JobArchiver.Outcome outcome = archiver.archiveFinishedBefore(cutoff, jobIds == null ? List.of() : jobIds, limit);
        outcome.archived().forEach(jobId -> jobCache.remove(Long.toString(jobId)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("archived", outcome.archived());
        answer.put("events", outcome.events());
        answer.put("skipped", outcome.skipped());
        return answer;
    }

    private static Instant cutoff(String value) {
        try {
            Instant cutoff = Instant.parse(value);
            if (cutoff.isAfter(Instant.now())) {
                throw Invalid.at("query", "finished_before", "finished_before lies in the future", value);
            }
            if (cutoff.isBefore(Instant.EPOCH)) {
                // no job is that old, and PostgreSQL's times do not reach Instant's extremes
                throw Invalid.at("query", "finished_before", "finished_before lies before 1970", value);
            }
            return cutoff;
        } catch (DateTimeParseException e) {
            throw Invalid.at("query", "finished_before", "finished_before must be an ISO-8601 instant, e.g. "
                    + "2026-01-01T00:00:00Z", value);
        }
    }
}

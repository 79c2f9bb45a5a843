package org.jobstream.query.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.errors.NotFound;
import org.jobstream.events.JobState;
import org.jobstream.query.history.JobEventStore.StoredEvent;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/jobs/{job_id}/history}: the job's events from the event store, oldest first,
 * {@code per_page} at a time ({@code 206} and {@code Content-Range: events FIRST-LAST/TOTAL} when
 * the page holds part of them, {@code 416} past the end, as search pages); or, with
 * {@code ?as_of=<time with zone>}, the job's state at that time, replayed from those events. The
 * caller's right to read the job is checked, from its first event alone, before anything else is read.
 */
@RestController
@RequestMapping("/api/jobs")
class JobHistoryController {

    /** The most events one page holds. */
    static final int MAX_PER_PAGE = 10_000;
    /** Events read at a time when replaying a job to a point in time. */
    private static final int REPLAY_PAGE = 1_000;

    private final JobEventStore store;

    JobHistoryController(JobEventStore store) {
        this.store = store;
    }

    @GetMapping("/{job_id}/history")
    ResponseEntity<Object> history(Caller caller, @PathVariable("job_id") long jobId,
                                   @RequestParam(name = "as_of", required = false)
                                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Optional<OffsetDateTime> asOf,
                                   @RequestParam(defaultValue = "1") @Min(1) int page,
                                   @RequestParam(name = "per_page", defaultValue = "1000") @Min(1) @Max(MAX_PER_PAGE)
                                   int perPage) {
        WmsAccessPolicy.checkJobs(caller, WmsAction.READ, Set.of(jobId), store.owner(jobId));
        long total = store.count(jobId);
        if (total == 0) {
            throw new NotFound("Job " + jobId + " not found");
        }
        if (asOf.isPresent()) {
            return ResponseEntity.ok(stateAt(jobId, asOf.get())
                    .orElseThrow(() -> new NotFound("Job " + jobId + " did not exist at " + asOf.get())));
        }
        long first = (long) (page - 1) * perPage;
        if (first >= total) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "events */" + total).body(List.of());
        }
        List<Map<String, Object>> entries = store.events(jobId, first, perPage).stream()
                .map(JobHistoryController::entry).toList();
        if (entries.size() == total) {
            return ResponseEntity.ok(entries);
        }
        return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT)
                .header(HttpHeaders.CONTENT_RANGE, "events " + first + "-" + (first + entries.size() - 1) + "/" + total)
                .body(entries);
    }

    /** The job's attributes after every event up to {@code asOf}, reading its events a page at a time. */
    private Optional<Map<String, Object>> stateAt(long jobId, OffsetDateTime asOf) {
        JobState state = new JobState();
        long from = 0;
        while (true) {
            List<StoredEvent> page = store.events(jobId, from, REPLAY_PAGE);
            for (StoredEvent event : page) {
                if (event.time().isAfter(asOf.toInstant())) {
                    return state.exists() ? Optional.of(state.toApi()) : Optional.empty();
                }
                state.apply(event.event());
            }
            if (page.size() < REPLAY_PAGE) {
                return state.exists() ? Optional.of(state.toApi()) : Optional.empty();
            }
            from = page.get(page.size() - 1).sequence() + 1;
        }
    }

    private static Map<String, Object> entry(StoredEvent event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sequence", event.sequence());
        entry.put("time", event.time().toString());
        entry.put("type", event.type().eventClass().getSimpleName());
        entry.put("payload", event.payload());
        return entry;
    }
}

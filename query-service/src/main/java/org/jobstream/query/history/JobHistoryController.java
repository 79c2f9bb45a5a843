package org.jobstream.query.history;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jobstream.access.Caller;
import org.jobstream.access.JobOwnership;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.events.JobSubmitted;
import org.jobstream.query.history.JobEventStore.StoredEvent;
import org.jobstream.web.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/jobs/{job_id}/history}: a job's every event from the event store, oldest first;
 * with {@code ?as_of=<time with zone>}, the job's state at that time, replayed from those events.
 */
@RestController
@RequestMapping("/api/jobs")
class JobHistoryController {

    private final JobEventStore store;

    JobHistoryController(JobEventStore store) {
        this.store = store;
    }

    @GetMapping("/{jobId}/history")
    Object history(Caller caller, @PathVariable long jobId,
                   @RequestParam(name = "as_of", required = false)
                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Optional<OffsetDateTime> asOf) {
        List<StoredEvent> events = store.events(jobId);
        List<JobOwnership> found = events.stream()
                .filter(e -> e.event() instanceof JobSubmitted)
                .map(e -> (JobSubmitted) e.event())
                .map(s -> new JobOwnership(s.jobId(), s.owner(), s.vo()))
                .toList();
        WmsAccessPolicy.checkJobs(caller, WmsAction.READ, Set.of(jobId), found);
        if (events.isEmpty()) {
            throw ApiException.notFound("Job " + jobId + " not found");
        }
        if (asOf.isPresent()) {
            return JobReplay.stateAt(events.stream().map(StoredEvent::event).toList(),
                    events.stream().map(StoredEvent::time).toList(), asOf.get().toInstant())
                    .orElseThrow(() -> ApiException.notFound("Job " + jobId + " did not exist at " + asOf.get()));
        }
        return events.stream().map(JobHistoryController::entry).toList();
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

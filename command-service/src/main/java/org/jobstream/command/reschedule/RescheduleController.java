package org.jobstream.command.reschedule;

import java.util.Map;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.JobIds;
import org.jobstream.api.JobResults;
import org.jobstream.command.admission.AppendsEvents;
import org.jobstream.command.store.EventStorePosition;
import org.jobstream.errors.Refused;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/jobs/reschedule?reset_jobs=false}. */
@RestController
@RequestMapping("/api/jobs")
class RescheduleController {

    private final Reschedules reschedules;
    private final EventStorePosition position;

    RescheduleController(Reschedules reschedules, EventStorePosition position) {
        this.reschedules = reschedules;
        this.position = position;
    }

    @PostMapping("/reschedule")
    @AppendsEvents
    ResponseEntity<JobResults<Map<String, Object>>> reschedule(
            Caller caller,
            @RequestParam(name = "reset_jobs", defaultValue = "false") boolean resetJobs,
            @RequestBody JobIds body) {
        WmsAccessPolicy.check(caller, WmsAction.MANAGE);
        JobResults<Map<String, Object>> results = reschedules.reschedule(caller, body.jobIds(), resetJobs);
        if (results.success().isEmpty()) {
            // Jobs past the maximum were failed: events, which the caller's next read must see too,
            // and which a client pinning its reads to positions learns from this answer's header.
            throw new Refused(results).afterAppendingUpTo(position.record(caller));
        }
        return position.answer(caller, results);
    }
}

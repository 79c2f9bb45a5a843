package org.jobstream.command.status;

import java.util.Map;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.JobResults;
import org.jobstream.api.JobStatusChange;
import org.jobstream.api.JobStatusUpdate;
import org.jobstream.command.admission.AppendsEvents;
import org.jobstream.command.store.EventStorePosition;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code PATCH /api/jobs/status?force=false}: status updates with the job state machine. */
@RestController
@RequestMapping("/api/jobs")
class StatusController {

    private final StatusUpdates statusUpdates;
    private final EventStorePosition position;

    StatusController(StatusUpdates statusUpdates, EventStorePosition position) {
        this.statusUpdates = statusUpdates;
        this.position = position;
    }

    @PatchMapping("/status")
    @AppendsEvents
    ResponseEntity<JobResults<JobStatusChange>> setStatus(
            Caller caller,
            @RequestParam(defaultValue = "false") boolean force,
            @RequestBody Map<String, Map<String, JobStatusUpdate>> body) {
        WmsAccessPolicy.check(caller, WmsAction.MANAGE);
        return position.answer(caller, statusUpdates.apply(caller, body, force));
    }
}

package org.jobstream.command.heartbeat;

import java.util.List;
import java.util.Map;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.JobCommand;
import org.jobstream.command.admission.AppendsEvents;
import org.jobstream.command.store.EventStorePosition;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code PATCH /api/jobs/heartbeat}: a pilot's heartbeats; answers the pending job commands. */
@RestController
@RequestMapping("/api/jobs")
class HeartbeatController {

    private final Heartbeats heartbeats;
    private final EventStorePosition position;

    HeartbeatController(Heartbeats heartbeats, EventStorePosition position) {
        this.heartbeats = heartbeats;
        this.position = position;
    }

    @PatchMapping("/heartbeat")
    @AppendsEvents
    ResponseEntity<List<JobCommand>> heartbeat(Caller caller, @RequestBody Map<String, Map<String, Object>> body) {
        WmsAccessPolicy.check(caller, WmsAction.PILOT);
        return position.answer(caller, heartbeats.record(caller, body));
    }
}

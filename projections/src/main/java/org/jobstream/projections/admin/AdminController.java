package org.jobstream.projections.admin;

import java.nio.charset.StandardCharsets;
import org.jobstream.access.AdminAccessPolicy;
import org.jobstream.access.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Maintenance of the read models for operators (job administrators): rebuild them from the event
 * store, check them against it, list the events they could not apply (dead letters) or apply those
 * again. Each answers a stream of progress lines ending with a
 * {@code RESULT} line; {@code 409} while another rebuild or check runs.
 */
@RestController
class AdminController {

    private static final MediaType PROGRESS_LINES = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final MaintenanceRuns runs;

    AdminController(MaintenanceRuns runs) {
        this.runs = runs;
    }

    @PostMapping("/admin/rebuild")
    ResponseEntity<StreamingResponseBody> rebuild(Caller caller) {
        AdminAccessPolicy.checkAdministrator(caller);
        return ResponseEntity.ok().contentType(PROGRESS_LINES).body(runs.startRebuild());
    }

    @PostMapping("/admin/dead-letters")
    ResponseEntity<StreamingResponseBody> deadLetters(Caller caller) {
        AdminAccessPolicy.checkAdministrator(caller);
        return ResponseEntity.ok().contentType(PROGRESS_LINES).body(runs.startDeadLetters(false));
    }

    @PostMapping("/admin/dead-letters/replay")
    ResponseEntity<StreamingResponseBody> replayDeadLetters(Caller caller) {
        AdminAccessPolicy.checkAdministrator(caller);
        return ResponseEntity.ok().contentType(PROGRESS_LINES).body(runs.startDeadLetters(true));
    }

    @PostMapping("/admin/check")
    ResponseEntity<StreamingResponseBody> check(Caller caller) {
        AdminAccessPolicy.checkAdministrator(caller);
        return ResponseEntity.ok().contentType(PROGRESS_LINES).body(runs.startCheck());
    }
}

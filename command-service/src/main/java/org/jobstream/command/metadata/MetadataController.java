package org.jobstream.command.metadata;

import java.util.Map;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.command.admission.AppendsEvents;
import org.jobstream.command.store.EventStorePosition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code PATCH /api/jobs/metadata}: set job attributes and parameters; {@code 204}. */
@RestController
@RequestMapping("/api/jobs")
class MetadataController {

    private final MetadataPatches patches;
    private final EventStorePosition position;

    MetadataController(MetadataPatches patches, EventStorePosition position) {
        this.patches = patches;
        this.position = position;
    }

    @PatchMapping("/metadata")
    @AppendsEvents
    ResponseEntity<Void> patch(Caller caller, @RequestBody Map<String, Map<String, Object>> body) {
        WmsAccessPolicy.check(caller, WmsAction.MANAGE);
        patches.patch(caller, body);
        return position.answer(caller, HttpStatus.NO_CONTENT, null);
    }
}

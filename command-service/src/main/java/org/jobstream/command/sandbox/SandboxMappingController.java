package org.jobstream.command.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jobstream.access.Caller;
import org.jobstream.access.SandboxPfn;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.JobIds;
import org.jobstream.command.access.RequestIds;
import org.jobstream.command.admission.AppendsEvents;
import org.jobstream.command.store.EventStorePosition;
import org.jobstream.errors.Invalid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The job-to-sandbox mapping commands: {@code PATCH /api/jobs/{job_id}/sandbox/output},
 * {@code DELETE /api/jobs/{job_id}/sandbox} and {@code POST /api/jobs/sandbox/unassign}.
 */
@RestController
@RequestMapping("/api/jobs")
class SandboxMappingController {

    private final SandboxMappings mappings;
    private final EventStorePosition position;

    SandboxMappingController(SandboxMappings mappings, EventStorePosition position) {
        this.mappings = mappings;
        this.position = position;
    }

    /** The body is a bare JSON string, the PFN; the answer {@code null}, as DiracX's. */
    @PatchMapping("/{job_id}/sandbox/output")
    @AppendsEvents
    ResponseEntity<JsonNode> assignOutput(Caller caller, @PathVariable("job_id") long jobId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json",
                    schema = @Schema(type = "string", title = "Pfn", maxLength = SandboxPfn.MAX_LENGTH, pattern = SandboxPfn.PATTERN)))
            @RequestBody JsonNode body) {
        WmsAccessPolicy.check(caller, WmsAction.MANAGE);
        if (body == null || !body.isTextual()) {
            throw Invalid.at("body", "pfn", "Input should be a valid string", body);
        }
        SandboxPfn pfn = SandboxPfn.tryParse(body.asText()).orElseThrow(() -> Invalid.at("body", "pfn",
                "String should match pattern '" + SandboxPfn.PATTERN + "'", body.asText()));
        mappings.assignOutput(caller, jobId, pfn);
        return position.answer(caller, NullNode.getInstance());
    }

    @DeleteMapping("/{job_id}/sandbox")
    @AppendsEvents
    ResponseEntity<JsonNode> unassignJob(Caller caller, @PathVariable("job_id") long jobId) {
        WmsAccessPolicy.check(caller, WmsAction.MANAGE);
        mappings.unassign(caller, List.of(jobId));
        return position.answer(caller, NullNode.getInstance());
    }

    @PostMapping("/sandbox/unassign")
    @AppendsEvents
    ResponseEntity<Void> unassignJobs(Caller caller, @RequestBody JobIds body) {
        WmsAccessPolicy.check(caller, WmsAction.MANAGE);
        if (body.jobIds() == null) {
            throw Invalid.at("body", "job_ids", "Field required", null);
        }
        RequestIds.checkCount(body.jobIds().size());
        mappings.unassign(caller, body.jobIds());
        return position.answer(caller, HttpStatus.NO_CONTENT, null);
    }
}

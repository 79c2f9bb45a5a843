package org.jobstream.command.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jobstream.access.Caller;
import org.jobstream.access.SandboxAccessPolicy;
import org.jobstream.access.SandboxPfn;
import org.jobstream.api.SandboxDownloadResponse;
import org.jobstream.api.SandboxUploadResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/jobs/sandbox}: initiate an upload; {@code GET /api/jobs/sandbox?pfn=}: a
 * presigned download URL. Both answer URLs of the store, never a redirect: a client following one
 * would send its bearer token to the store.
 */
@RestController
@RequestMapping("/api/jobs")
class SandboxController {

    private final Sandboxes sandboxes;

    SandboxController(Sandboxes sandboxes) {
        this.sandboxes = sandboxes;
    }

    @PostMapping("/sandbox")
    SandboxUploadResponse initiateUpload(Caller caller, @Valid @RequestBody SandboxInfo info) {
        SandboxAccessPolicy.checkCreate(caller);
        return sandboxes.initiateUpload(caller, info);
    }

    @GetMapping("/sandbox")
    SandboxDownloadResponse downloadUrl(
            Caller caller,
            @RequestParam("pfn")
            @Size(max = SandboxPfn.MAX_LENGTH, message = "String should have at most 256 characters")
            @Pattern(regexp = SandboxPfn.PATTERN, message = "String should match pattern '" + SandboxPfn.PATTERN + "'")
            String pfn) {
        SandboxPfn sandbox = SandboxPfn.parse(pfn);
        // The store is asked first: for a normal user, "not registered" is a 403 of the policy.
        boolean stored = sandboxes.find(sandbox).isPresent();
        boolean registered = stored || sandboxes.registered(sandbox);
        SandboxAccessPolicy.checkRead(caller, sandboxes.bucket(), sandbox, registered);
        if (!registered) {
            throw sandboxes.notFound(sandbox);
        }
        if (!stored) {
            throw sandboxes.notUploaded(sandbox);
        }
        return sandboxes.downloadUrl(sandbox);
    }
}

package org.jobstream.command.sandbox;

import java.time.Duration;
import java.util.Optional;
import org.jobstream.access.AdminAccessPolicy;
import org.jobstream.access.Caller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/sandboxes/clean?dry_run=true&older_than=P15D}: removes (or, in a dry run,
 * lists) the sandboxes no job has used for longer than the grace period. Job administrators only;
 * {@code ./jobstream sandboxes clean} calls it. The same cleaning runs daily by itself.
 */
@RestController
class SandboxCleaningController {

    private final SandboxCleaner cleaner;

    SandboxCleaningController(SandboxCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @PostMapping("/admin/sandboxes/clean")
    SandboxCleaner.Report clean(Caller caller,
                                @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                @RequestParam(name = "older_than", required = false) Optional<Duration> olderThan) {
        AdminAccessPolicy.checkAdministrator(caller);
        return cleaner.clean(olderThan, dryRun);
    }
}

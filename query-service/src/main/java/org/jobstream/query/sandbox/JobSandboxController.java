package org.jobstream.query.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.ApiHeaders;
import org.jobstream.errors.Invalid;
import org.jobstream.query.consistency.ReadModelBarrier;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/jobs/{job_id}/sandbox} ({@code {"Input": [...], "Output": [...]}}) and
 * {@code GET /api/jobs/{job_id}/sandbox/{input|output}}: short PFNs, {@code [null]} when none.
 */
@RestController
@RequestMapping("/api/jobs")
class JobSandboxController {

    private final JobSandboxReader reader;
    private final ReadModelBarrier barrier;

    JobSandboxController(JobSandboxReader reader, ReadModelBarrier barrier) {
        this.reader = reader;
        this.barrier = barrier;
    }

    @GetMapping("/{job_id}/sandbox")
    Map<String, List<String>> sandboxes(Caller caller, @PathVariable("job_id") long jobId,
                                        @RequestHeader(name = ApiHeaders.POSITION, required = false) Optional<String> position) {
        barrier.await(caller, position);
        WmsAccessPolicy.checkJobs(caller, WmsAction.READ, Set.of(jobId), reader.ownership(List.of(jobId)));
        return read(jobId);
    }

    @GetMapping("/{job_id}/sandbox/{sandbox_type}")
    List<String> sandboxesOfKind(Caller caller, @PathVariable("job_id") long jobId,
                                 @PathVariable("sandbox_type") @Schema(allowableValues = {"input", "output"}) String kind,
                                 @RequestHeader(name = ApiHeaders.POSITION, required = false) Optional<String> position) {
        String key = switch (kind) {
            case "input" -> JobSandboxReader.INPUT;
            case "output" -> JobSandboxReader.OUTPUT;
            default -> throw Invalid.at("path", "sandbox_type", "Input should be 'input' or 'output'", kind);
        };
        barrier.await(caller, position);
        WmsAccessPolicy.checkJobs(caller, WmsAction.READ, Set.of(jobId), reader.ownership(List.of(jobId)));
        return read(jobId).get(key);
    }

    private Map<String, List<String>> read(long jobId) {
        Map<String, List<String>> answer = new LinkedHashMap<>();
        reader.sandboxes(jobId).forEach((kind, pfns) -> answer.put(kind, orNull(pfns)));
        return answer;
    }

    /** DiracX answers {@code [null]} for a kind without sandbox. */
    private static List<String> orNull(List<String> pfns) {
        return pfns.isEmpty() ? Collections.singletonList(null) : new ArrayList<>(pfns);
    }
}

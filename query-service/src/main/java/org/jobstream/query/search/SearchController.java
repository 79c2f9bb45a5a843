package org.jobstream.query.search;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.ApiHeaders;
import org.jobstream.api.SearchParams;
import org.jobstream.api.SummaryParams;
import org.jobstream.query.consistency.ReadModelBarrier;
import org.jobstream.web.BearerTokenSecurityConfiguration.JobVisibilityRule;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/jobs/search} and {@code POST /api/jobs/summary}. */
@RestController
@RequestMapping("/api/jobs")
class SearchController {

    private final JobSearch search;
    private final ReadModelBarrier barrier;
    private final JobVisibilityRule visibility;

    SearchController(JobSearch search, ReadModelBarrier barrier, JobVisibilityRule visibility) {
        this.search = search;
        this.barrier = barrier;
        this.visibility = visibility;
    }

    @PostMapping("/search")
    ResponseEntity<List<Map<String, Object>>> search(
            Caller caller,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "per_page", defaultValue = "100") @Min(1) @Max(JobSearch.MAX_PER_PAGE) int perPage,
            @RequestHeader(name = ApiHeaders.POSITION, required = false) Optional<String> position,
            @RequestBody(required = false) SearchParams params) {
        WmsAccessPolicy.check(caller, WmsAction.QUERY);
        barrier.await(caller, position);
        Page result = search.search(params == null ? SearchParams.all() : params,
                visibility.of(caller), page, perPage);
        int returned = result.jobs().size();
        if (returned == 0 && result.total() > 0) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "jobs */" + result.total())
                    .body(List.of());
        }
        if (returned < result.total()) {
            return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT)
                    .header(HttpHeaders.CONTENT_RANGE, "jobs " + result.first() + "-"
                            + (result.first() + returned - 1) + "/" + result.total())
                    .body(result.jobs());
        }
        return ResponseEntity.ok(result.jobs());
    }

    @PostMapping("/summary")
    List<Map<String, Object>> summary(
            Caller caller,
            @RequestHeader(name = ApiHeaders.POSITION, required = false) Optional<String> position,
            @RequestBody SummaryParams params) {
        WmsAccessPolicy.check(caller, WmsAction.QUERY);
        barrier.await(caller, position);
        return search.summary(params, visibility.of(caller));
    }
}

package org.jobstream.command.submission;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.ApiHeaders;
import org.jobstream.api.IdempotencyKey;
import org.jobstream.api.InsertedJob;
import org.jobstream.command.admission.AppendsEvents;
import org.jobstream.command.store.EventStorePosition;
import org.jobstream.command.submission.JobSubmission.Submitted;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/jobs/jdl}: submit jobs, at most once per {@code Idempotency-Key}. */
@RestController
@RequestMapping("/api/jobs")
class SubmissionController {

    /** The header's description in the API description: its syntax and what a retry with it gets. */
    static final String KEY_DESCRIPTION = "Optional. The client's key for this request (IETF draft \"The "
            + "Idempotency-Key HTTP Header Field\"), sent again with every retry of it: 1 to 255 visible ASCII "
            + "characters, unique per request (a UUID, say). A request whose key its caller (user and VO) used "
            + "within the keep period (24 hours by default) is not made again: the same body gets the first "
            + "answer again (201, the same jobs, header Idempotent-Replayed: true) and creates nothing; another "
            + "body is 422; while the first request with the key is still being made, 409. An invalid key is 422.";

    private final JobSubmission submission;
    private final EventStorePosition position;

    SubmissionController(JobSubmission submission, EventStorePosition position) {
        this.submission = submission;
        this.position = position;
    }

    @PostMapping("/jdl")
    @AppendsEvents
    ResponseEntity<List<InsertedJob>> submit(
            Caller caller,
            @Parameter(description = KEY_DESCRIPTION, schema = @Schema(type = "string", minLength = 1,
                    maxLength = IdempotencyKey.MAX_LENGTH, pattern = "^[!-~]+$"))
            @RequestHeader(name = ApiHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody List<String> jdls) {
        WmsAccessPolicy.check(caller, WmsAction.CREATE);
        Optional<IdempotencyKey> key = IdempotencyKey.fromHeader(idempotencyKey);
        Submitted submitted = submission.submit(caller, jdls, key);
        ResponseEntity<List<InsertedJob>> answer = position.answer(caller, HttpStatus.CREATED, submitted.jobs());
        if (!submitted.replayed()) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(ApiHeaders.IDEMPOTENT_REPLAYED, "true").body(answer.getBody());
    }
}

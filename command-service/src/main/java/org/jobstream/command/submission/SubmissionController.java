package org.jobstream.command.submission;

import java.util.List;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.InsertedJob;
import org.jobstream.command.admission.AppendsEvents;
import org.jobstream.command.store.EventStorePosition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/jobs/jdl}: submit jobs. */
@RestController
@RequestMapping("/api/jobs")
class SubmissionController {

    private final JobSubmission submission;
    private final EventStorePosition position;

    SubmissionController(JobSubmission submission, EventStorePosition position) {
        this.submission = submission;
        this.position = position;
    }

    @PostMapping("/jdl")
    @AppendsEvents
    ResponseEntity<List<InsertedJob>> submit(Caller caller, @RequestBody List<String> jdls) {
        WmsAccessPolicy.check(caller, WmsAction.CREATE);
        List<InsertedJob> jobs = submission.submit(caller, jdls);
        return position.answer(caller, HttpStatus.CREATED, jobs);
    }
}

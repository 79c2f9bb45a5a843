package org.jobstream.query.stream;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.api.Limits;
import org.jobstream.events.JobStatus;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.TooLarge;
import org.jobstream.errors.Unavailable;
import org.jobstream.web.BearerTokenSecurityConfiguration.JobVisibilityRule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/jobs/events}: the job events the caller may see, as Server-Sent Events, while
 * they happen. Each event's {@code data} is the CloudEvent as on Kafka (docs/events.md) and its
 * {@code id} a stream position: a client that reconnects with it as {@code Last-Event-ID} gets
 * every event it missed, none twice. Filters: {@code job_id}, {@code status}, {@code job_group}
 * (each repeatable).
 */
@RestController
@RequestMapping("/api/jobs")
@EnableConfigurationProperties(StreamSettings.class)
class EventStreamController {

    private final JobEventFanout fanout;
    private final JobVisibilityRule visibility;
    private final StreamSettings settings;

    EventStreamController(JobEventFanout fanout, JobVisibilityRule visibility, StreamSettings settings) {
        this.fanout = fanout;
        this.visibility = visibility;
        this.settings = settings;
    }

    @Operation(summary = "Follow job events",
            description = "Server-Sent Events: the CloudEvents of the jobs the caller may see, filtered by job_id, "
                    + "status and job_group. Send the last event's id as Last-Event-ID to resume without loss.")
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Caller caller,
                      @RequestParam(name = "job_id", required = false) List<Long> jobIds,
                      @RequestParam(name = "status", required = false) List<String> statuses,
                      @RequestParam(name = "job_group", required = false) List<String> jobGroups,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        WmsAccessPolicy.check(caller, WmsAction.QUERY);
        List<Long> ids = jobIds == null ? List.of() : jobIds;
        if (ids.size() > Limits.MAX_JOB_IDS) {
            throw new TooLarge("A stream may follow at most " + Limits.MAX_JOB_IDS + " jobs by id");
        }
        List<String> wanted = statuses == null ? List.of() : statuses;
        for (String status : wanted) {
            if (JobStatus.fromLabel(status).isEmpty()) {
                throw Invalid.at("query", "status", "Unknown job status", status);
            }
        }
        int partitions = fanout.partitions();
        if (partitions == 0) {
            throw new Unavailable("The event stream is starting; retry shortly");
        }
        Optional<StreamPosition> from = Optional.empty();
        if (lastEventId != null && !lastEventId.isBlank()) {
            from = StreamPosition.parse(lastEventId, partitions);
            if (from.isEmpty()) {
                throw Invalid.at("header", "Last-Event-ID", "Not an id this stream sent", lastEventId);
            }
        }
        StreamFilter filter = new StreamFilter(visibility.of(caller), Set.copyOf(ids), Set.copyOf(wanted),
                jobGroups == null ? Set.of() : Set.copyOf(jobGroups));
        SseEmitter emitter = new SseEmitter(settings.maxDuration().toMillis());
        fanout.subscribe(emitter, filter, from);
        return emitter;
    }
}

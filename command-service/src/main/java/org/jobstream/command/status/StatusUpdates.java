package org.jobstream.command.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAction;
import org.jobstream.api.JobResults;
import org.jobstream.api.JobResults.ErrorDetail;
import org.jobstream.api.JobStatusChange;
import org.jobstream.api.JobStatusUpdate;
import org.jobstream.command.access.JobAccess;
import org.jobstream.command.access.Now;
import org.jobstream.command.access.PerJob;
import org.jobstream.command.access.RequestIds;
import org.jobstream.command.access.StorableText;
import org.jobstream.command.job.JobOutcome;
import org.jobstream.commands.StatusUpdate;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.commands.UpdateJobStatuses;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code PATCH /api/jobs/status}: each job's updates become one {@code UpdateJobStatus}; all jobs of
 * the request are updated in one unit of work (one transaction), and each answers for itself
 * ({@code success} or {@code failed}).
 */
@Service
public class StatusUpdates {

    static final String NOT_FOUND = "Not found";
    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    private final CommandGateway commands;
    private final JobAccess access;

    StatusUpdates(CommandGateway commands, JobAccess access) {
        this.commands = commands;
        this.access = access;
    }

    public JobResults<JobStatusChange> apply(Caller caller, Map<String, Map<String, JobStatusUpdate>> body, boolean force) {
        Map<Long, List<StatusUpdate>> updates = new HashMap<>();
        RequestIds.byJobId(body).forEach((jobId, byTime) -> updates.put(jobId, updates(jobId, byTime)));
        Set<Long> found = access.check(caller, WmsAction.MANAGE, updates.keySet());
        Map<String, ErrorDetail> failed = new HashMap<>();
        updates.keySet().stream().filter(id -> !found.contains(id))
                .forEach(id -> failed.put(id.toString(), new ErrorDetail(NOT_FOUND)));
        if (found.isEmpty()) {
            throw new NotFound(new JobResults<>(Map.of(), failed));
        }
        Instant now = Now.micros();
        Map<String, JobStatusChange> success = new HashMap<>();
        Map<Long, JobOutcome<JobStatusChange>> outcomes = PerJob.sendBatch(commands, new UpdateJobStatuses(
                found.stream().map(id -> new UpdateJobStatus(id, updates.get(id), force, now)).toList()), "The status update");
        outcomes.forEach((id, outcome) -> {
            if (outcome.succeeded()) {
                success.put(id.toString(), outcome.result());
            } else {
                log.warn("Status update of job {} failed: {}", id, outcome.failure().toString());
                failed.put(id.toString(), new ErrorDetail(outcome.failure().getMessage()));
            }
        });
        return new JobResults<>(success, failed);
    }

    private static List<StatusUpdate> updates(long jobId, Map<String, JobStatusUpdate> byTime) {
        if (byTime == null || byTime.isEmpty()) {
            throw new Invalid("Job " + jobId + " has no status update");
        }
        List<StatusUpdate> updates = new ArrayList<>();
        byTime.forEach((time, update) -> {
            if (update == null) {
                throw new Invalid("Update of job " + jobId + " at " + time + " is null");
            }
            updates.add(new StatusUpdate(RequestIds.timestamp(time, jobId), update.status(),
                    StorableText.check("MinorStatus", update.minorStatus()),
                    StorableText.check("ApplicationStatus", update.applicationStatus()),
                    StorableText.check("Source", update.source())));
        });
        return updates;
    }
}

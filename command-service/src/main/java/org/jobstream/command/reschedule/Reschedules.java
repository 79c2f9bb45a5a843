package org.jobstream.command.reschedule;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAction;
import org.jobstream.api.JobResults;
import org.jobstream.api.JobResults.ErrorDetail;
import org.jobstream.api.JobStatusChange;
import org.jobstream.command.access.JobAccess;
import org.jobstream.command.access.Now;
import org.jobstream.command.access.PerJob;
import org.jobstream.command.access.RequestIds;
import org.jobstream.command.job.RescheduleOutcome;
import org.jobstream.commands.RescheduleJob;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/jobs/reschedule}: each job back to {@code Received}, or {@code Failed} past the
 * maximum number of reschedules; {@code 400} when no job was rescheduled.
 */
@Service
public class Reschedules {

    private final CommandGateway commands;
    private final JobAccess access;
    private final int maxReschedules;

    Reschedules(CommandGateway commands, JobAccess access,
                @Value("${jobstream.reschedule.max-count:3}") int maxReschedules) {
        this.commands = commands;
        this.access = access;
        this.maxReschedules = maxReschedules;
    }

    public JobResults<Map<String, Object>> reschedule(Caller caller, List<Long> jobIds, boolean resetJobs) {
        if (jobIds == null) {
            throw new Invalid("job_ids is required");
        }
        RequestIds.checkCount(jobIds.size());
        Set<Long> found = access.check(caller, WmsAction.MANAGE, jobIds);
        Map<String, ErrorDetail> failed = new HashMap<>();
        jobIds.stream().filter(id -> !found.contains(id))
                .forEach(id -> failed.put(id.toString(), new ErrorDetail("Not found")));
        Instant now = Now.micros();
        Map<String, Map<String, Object>> success = new HashMap<>();
        PerJob.<RescheduleOutcome>dispatch(found, id -> commands.send(new RescheduleJob(id, resetJobs, maxReschedules, now)))
                .forEach((id, outcome) -> {
                    if (!outcome.succeeded()) {
                        failed.put(id.toString(), new ErrorDetail(outcome.failure().getMessage()));
                    } else if (outcome.result() instanceof RescheduleOutcome.Rescheduled done) {
                        success.put(id.toString(), entry(done));
                    } else if (outcome.result() instanceof RescheduleOutcome.Refused refused) {
                        failed.put(id.toString(), new ErrorDetail(refused.detail()));
                    }
                });
        return new JobResults<>(success, failed);
    }

    /** DiracX's success entry: the (regenerated) JDL under its odd key, new attributes, new status. */
    private static Map<String, Object> entry(RescheduleOutcome.Rescheduled done) {
        JobStatusChange change = done.statusChange();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("InputData", done.jdl());
        entry.put("Site", done.site());
        entry.put("UserPriority", done.userPriority());
        entry.put("RescheduleTime", done.rescheduleTime());
        entry.put("RescheduleCounter", done.rescheduleCounter());
        entry.put("Status", change.status());
        entry.put("MinorStatus", change.minorStatus());
        entry.put("ApplicationStatus", change.applicationStatus());
        entry.put("HeartBeatTime", change.heartBeatTime());
        entry.put("StartExecTime", change.startExecTime());
        entry.put("EndExecTime", change.endExecTime());
        entry.put("LastUpdateTime", change.lastUpdateTime());
        return entry;
    }
}

package org.jobstream.command.job;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.jobstream.api.JobCommand;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.RecordHeartbeat;
import org.jobstream.commands.RecordHeartbeats;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.commands.UpdateJobStatuses;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Handles the jobs of one status or heartbeat request in one unit of work: one transaction and one
 * batched append for all their events, instead of one of each per job. Each job still answers for
 * itself: a refusal (the Job aggregate decides before it applies anything, so a refused job has
 * no event) fails only that job. A failure worth a retry (a lost race with another instance, the
 * database failing) rolls back the whole request, which the command gateway then retries on
 * fresh state.
 *
 * <p>The jobs are loaded in the order of their IDs, so two requests on overlapping jobs take the
 * jobs' locks in the same order and never wait for each other in a cycle.
 */
@Component
class JobBatchHandler {

    private final Repository<Job> jobs;

    JobBatchHandler(@Qualifier("jobRepository") Repository<Job> jobs) {
        this.jobs = jobs;
    }

    @CommandHandler
    public Map<Long, JobOutcome<JobStatusChange>> handle(UpdateJobStatuses command) {
        return eachJob(command.updates(), UpdateJobStatus::jobId, Job::handle);
    }

    @CommandHandler
    public Map<Long, JobOutcome<List<JobCommand>>> handle(RecordHeartbeats command) {
        return eachJob(command.heartbeats(), RecordHeartbeat::jobId, Job::handle);
    }

    private <C, R> Map<Long, JobOutcome<R>> eachJob(List<C> commands, ToLongFunction<C> jobId,
                                                   BiFunction<Job, C, R> handle) {
        Map<Long, JobOutcome<R>> outcomes = new LinkedHashMap<>();
        for (C command : commands.stream().sorted(Comparator.comparingLong(jobId)).toList()) {
            long id = jobId.applyAsLong(command);
            try {
                outcomes.put(id, JobOutcome.success(jobs.load(Long.toString(id)).invoke(job -> handle.apply(job, command))));
            } catch (RuntimeException e) {
                if (!Refusals.isRefusalThroughout(e)) {
                    throw e;
                }
                outcomes.put(id, JobOutcome.failure(e));
            }
        }
        return outcomes;
    }
}

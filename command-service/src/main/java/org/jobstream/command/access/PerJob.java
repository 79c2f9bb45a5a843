package org.jobstream.command.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jobstream.command.job.JobOutcome;
import org.jobstream.command.job.Refusals;
import org.jobstream.errors.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands about many jobs, where one job's failure is its own: either one command per job, sent
 * at once and waited for together, or one batch command that the command side handles in a single
 * unit of work and that answers for each job.
 */
public final class PerJob {

    private static final Logger log = LoggerFactory.getLogger(PerJob.class);

    private PerJob() {
    }

    /**
     * Sends a batch command (its handler answers a {@code Map} of job ID to {@link JobOutcome}) and
     * waits for it. When the batch fails as a whole for a reason other than a refusal (the
     * database failing, still after the gateway's retries), the request fails with {@code 503}.
     */
    public static <R> Map<Long, JobOutcome<R>> sendBatch(CommandGateway commands, Object batch, String what) {
        try {
            return commands.sendAndWait(batch);
        } catch (RuntimeException e) {
            if (Refusals.isRefusalThroughout(e)) {
                throw e;
            }
            log.error("{} failed as a whole", what, e);
            throw new Unavailable(what + " could not be recorded; retry");
        }
    }

    public static <R> Map<Long, JobOutcome<R>> dispatch(Iterable<Long> jobIds, Function<Long, CompletableFuture<R>> send) {
        Map<Long, CompletableFuture<R>> pending = new LinkedHashMap<>();
        for (Long jobId : jobIds) {
            pending.put(jobId, send.apply(jobId));
        }
        Map<Long, JobOutcome<R>> outcomes = new LinkedHashMap<>();
        pending.forEach((jobId, future) -> {
            try {
                outcomes.put(jobId, JobOutcome.success(future.join()));
            } catch (CompletionException e) {
                outcomes.put(jobId, JobOutcome.failure(e.getCause() == null ? e : e.getCause()));
            }
        });
        return outcomes;
    }
}

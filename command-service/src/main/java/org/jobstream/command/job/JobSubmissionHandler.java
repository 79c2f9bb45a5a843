package org.jobstream.command.job;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.jobstream.commands.SubmissionKey;
import org.jobstream.commands.SubmitJob;
import org.jobstream.commands.SubmitJobs;
import org.jobstream.store.SubmissionKeys;
import org.jobstream.store.SubmissionKeys.Claim;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Creates all jobs of one submission in one unit of work, so their events are appended to the
 * event store in one transaction: all of them or none.
 *
 * <p>A submission with an idempotency key first records the key, in that same transaction: the
 * command bus runs the handler inside the unit of work's Spring transaction, and both this
 * module's JDBC and Axon's event storage (its Spring connection provider) take their connection
 * from that transaction. The key and the events therefore commit together or not at all. When the
 * key is taken (or being taken by a transaction still open), no job is created, and the answer
 * says so.
 */
@Component
public class JobSubmissionHandler {

    private final Repository<Job> jobs;
    private final SubmissionKeys keys;

    public JobSubmissionHandler(@Qualifier("jobRepository") Repository<Job> jobs, SubmissionKeys keys) {
        this.jobs = jobs;
        this.keys = keys;
    }

    /** @return {@link Claim#CLAIMED} when the jobs were created (always, without a key) */
    @CommandHandler
    public Claim handle(SubmitJobs command) throws Exception {
        if (command.key() != null) {
            Claim claim = claim(command.key(), command);
            if (claim != Claim.CLAIMED) {
                return claim;
            }
        }
        for (SubmitJob job : command.jobs()) {
            jobs.newInstance(() -> new Job(job));
        }
        return Claim.CLAIMED;
    }

    private Claim claim(SubmissionKey key, SubmitJobs command) {
        SubmitJob first = command.jobs().get(0);
        return keys.claim(key, command.jobs().stream().map(SubmitJob::jobId).toList(),
                first.status(), first.minorStatus(), first.submissionTime());
    }
}

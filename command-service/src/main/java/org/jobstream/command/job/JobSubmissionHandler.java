package org.jobstream.command.job;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.jobstream.commands.SubmitJob;
import org.jobstream.commands.SubmitJobs;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Creates all jobs of one submission in one unit of work, so their events are appended to the
 * event store in one transaction: all of them or none.
 */
@Component
public class JobSubmissionHandler {

    private final Repository<Job> jobs;

    public JobSubmissionHandler(@Qualifier("jobRepository") Repository<Job> jobs) {
        this.jobs = jobs;
    }

    @CommandHandler
    public void handle(SubmitJobs command) throws Exception {
        for (SubmitJob job : command.jobs()) {
            jobs.newInstance(() -> new Job(job));
        }
    }
}

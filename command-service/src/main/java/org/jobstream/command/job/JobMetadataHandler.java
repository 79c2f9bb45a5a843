package org.jobstream.command.job;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.jobstream.commands.PatchJobMetadata;
import org.jobstream.commands.PatchJobsMetadata;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Patches the metadata of every job of one request in one unit of work: one invalid value rolls
 * back the whole request, so nothing is half-written.
 */
@Component
class JobMetadataHandler {

    private final Repository<Job> jobs;

    JobMetadataHandler(@Qualifier("jobRepository") Repository<Job> jobs) {
        this.jobs = jobs;
    }

    @CommandHandler
    public void handle(PatchJobsMetadata command) {
        for (PatchJobMetadata patch : command.patches()) {
            jobs.load(Long.toString(patch.jobId())).execute(job -> job.handle(patch));
        }
    }
}

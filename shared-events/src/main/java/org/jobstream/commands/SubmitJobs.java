package org.jobstream.commands;

import java.util.List;

/**
 * Create several jobs at once, all or none: the jobs of one submission request are appended to
 * the event store in one transaction.
 */
public record SubmitJobs(List<SubmitJob> jobs) {

    public SubmitJobs {
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("SubmitJobs needs at least one job");
        }
        jobs = List.copyOf(jobs);
    }
}

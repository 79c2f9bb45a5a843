package org.jobstream.commands;

import java.util.List;

/**
 * Create several jobs at once, all or none: the jobs of one submission request are appended to
 * the event store in one transaction, with the request's idempotency key when it has one.
 *
 * @param jobs the jobs, at least one
 * @param key  the request's idempotency key, or {@code null}: recorded in the same transaction as
 *             the jobs' events, and when it is already taken no job is created
 */
public record SubmitJobs(List<SubmitJob> jobs, SubmissionKey key) {

    public SubmitJobs {
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("SubmitJobs needs at least one job");
        }
        jobs = List.copyOf(jobs);
    }

    /** A submission without an idempotency key. */
    public SubmitJobs(List<SubmitJob> jobs) {
        this(jobs, null);
    }
}

package org.jobstream.query.stream;

import java.util.Set;
import org.jobstream.access.JobVisibility;
import org.jobstream.query.stream.StreamedEvent.JobFacts;

/**
 * Which events a subscriber receives: those of jobs it may see (the search visibility rule), and
 * among them, when the subscriber asks, those of some jobs, of events that leave a job in some
 * statuses, of jobs of some groups. An empty set does not filter.
 */
record StreamFilter(JobVisibility visibility, Set<Long> jobIds, Set<String> statuses, Set<String> jobGroups) {

    StreamFilter {
        jobIds = Set.copyOf(jobIds);
        statuses = Set.copyOf(statuses);
        jobGroups = Set.copyOf(jobGroups);
    }

    /** What can be decided from the event alone, without looking the job up. */
    boolean mayMatch(StreamedEvent event) {
        return (jobIds.isEmpty() || jobIds.contains(event.jobId()))
                && (statuses.isEmpty() || event.status().map(statuses::contains).orElse(false));
    }

    /** Whether a subscriber receives the event, the job being {@code facts}. */
    boolean matches(StreamedEvent event, JobFacts facts) {
        return mayMatch(event) && visibility.sees(facts.owner(), facts.vo())
                && (jobGroups.isEmpty() || jobGroups.contains(facts.jobGroup()));
    }

    /** Whether the job has to be looked up to decide. */
    boolean needsFacts() {
        return !visibility.unrestricted() || !jobGroups.isEmpty();
    }
}

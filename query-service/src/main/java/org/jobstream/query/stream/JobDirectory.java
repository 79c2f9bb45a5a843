package org.jobstream.query.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobstream.query.stream.StreamedEvent.JobFacts;
import org.jobstream.store.JobEvents;
import org.springframework.stereotype.Component;

/**
 * Who owns each job and its group, for the stream's visibility rule and job-group filter: learnt
 * from the submissions and group changes the stream goes through, and for jobs submitted before,
 * from their submission in the event store. Bounded: the least recently used jobs are forgotten
 * and looked up again when needed.
 */
@Component
class JobDirectory {

    static final int CAPACITY = 200_000;

    private final JobEvents events;
    private final Map<Long, JobFacts> known = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, JobFacts> eldest) {
            return size() > CAPACITY;
        }
    };

    JobDirectory(JobEvents events) {
        this.events = events;
    }

    /** Learns from a record of the stream: a submission, or a metadata patch of the job's group. */
    synchronized void learn(StreamedEvent event) {
        event.submitted().ifPresent(facts -> known.put(event.jobId(), facts));
        event.newGroup().ifPresent(group -> {
            JobFacts facts = known.get(event.jobId());
            if (facts != null) {
                known.put(event.jobId(), new JobFacts(facts.owner(), facts.vo(), group));
            }
        });
    }

    /**
     * The owners, VOs and groups of the jobs, those not known yet looked up together in the event
     * store (one query, however many); jobs that do not exist are missing from the answer.
     */
    Map<Long, JobFacts> resolve(Collection<Long> jobIds) {
        Map<Long, JobFacts> found = new HashMap<>();
        List<Long> unknown = new ArrayList<>();
        synchronized (this) {
            for (Long jobId : jobIds) {
                JobFacts facts = known.get(jobId);
                if (facts != null) {
                    found.put(jobId, facts);
                } else {
                    unknown.add(jobId);
                }
            }
        }
        if (unknown.isEmpty()) {
            return found;
        }
        List<JobEvents.Submission> submissions = events.submissions(unknown);
        synchronized (this) {
            for (JobEvents.Submission submission : submissions) {
                known.putIfAbsent(submission.jobId(), new JobFacts(submission.owner(), submission.vo(), submission.jobGroup()));
                found.put(submission.jobId(), known.get(submission.jobId()));
            }
        }
        return found;
    }

    /** The job's owner, VO and group; empty for a job that does not exist. */
    Optional<JobFacts> of(long jobId) {
        synchronized (this) {
            JobFacts facts = known.get(jobId);
            if (facts != null) {
                return Optional.of(facts);
            }
        }
        List<JobEvents.Submission> found = events.submissions(List.of(jobId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JobEvents.Submission submission = found.get(0);
        JobFacts facts = new JobFacts(submission.owner(), submission.vo(), submission.jobGroup());
        synchronized (this) {
            known.putIfAbsent(jobId, facts);
            return Optional.of(known.get(jobId));
        }
    }
}

package org.jobstream.command.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.errors.Conflict;
import org.jobstream.store.JobEvents;
import org.springframework.stereotype.Component;

/**
 * Checks the WMS access policy for the jobs a command names, with their ownership read from the
 * event store itself (each job's first event, {@code JobSubmitted}, names its owner and VO): always
 * up to date, no read model to wait for. A job an operator archived (finished, its events moved to
 * the archive) takes no more commands: a request naming one is refused whole ({@code 409}).
 */
@Component
public class JobAccess {

    private final JobEvents events;

    JobAccess(JobEvents events) {
        this.events = events;
    }

    /**
     * @return the requested jobs that exist (the caller may act on them)
     * @throws org.jobstream.access.AccessDeniedException when the policy refuses
     */
    public Set<Long> check(Caller caller, WmsAction action, Collection<Long> jobIds) {
        Set<Long> requested = Set.copyOf(jobIds);
        List<JobEvents.Submission> found = events.submissions(requested);
        WmsAccessPolicy.checkJobs(caller, action, requested,
                found.stream().map(JobEvents.Submission::ownership).toList());
        List<Long> archived = found.stream().filter(JobEvents.Submission::archived).map(JobEvents.Submission::jobId)
                .sorted().toList();
        if (!archived.isEmpty()) {
            throw new Conflict("Jobs " + archived.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " are archived: finished jobs whose history stays readable, and which take no more commands");
        }
        return found.stream().map(JobEvents.Submission::jobId).collect(Collectors.toUnmodifiableSet());
    }
}

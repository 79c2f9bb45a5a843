package org.jobstream.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every sandbox mapping of a job was removed ({@code DELETE /api/jobs/{id}/sandbox} or
 * {@code POST /api/jobs/sandbox/unassign}). A read model drops the job's input and output mappings;
 * a sandbox no job maps any more may be removed from the store after the configured grace period,
 * counted from {@link #time()}.
 *
 * @param jobId the job
 * @param pfns  the sandboxes (short form) that were mapped to it, input and output
 * @param time  when they were unassigned
 */
public record SandboxesUnassigned(long jobId, List<String> pfns, Instant time) implements JobEvent {

    public SandboxesUnassigned {
        pfns = List.copyOf(Objects.requireNonNull(pfns, "pfns"));
        Objects.requireNonNull(time, "time");
    }
}

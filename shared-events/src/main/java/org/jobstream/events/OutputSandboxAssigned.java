package org.jobstream.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An uploaded sandbox became a job's output sandbox ({@code PATCH /api/jobs/{id}/sandbox/output}).
 * A read model adds the mapping; the sandbox is then in use and not removed by the cleaner.
 *
 * @param jobId the job
 * @param pfn   the sandbox, short form ({@code /S3/<bucket>/<vo>/<group>/<user>/sha256:<hex>.<format>})
 * @param time  when it was assigned
 */
public record OutputSandboxAssigned(long jobId, String pfn, Instant time) implements JobEvent {

    public OutputSandboxAssigned {
        Objects.requireNonNull(pfn, "pfn");
        Objects.requireNonNull(time, "time");
    }
}

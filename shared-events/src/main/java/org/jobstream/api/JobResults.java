package org.jobstream.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of a request on many jobs, per job (DiracX's {@code success}/{@code failed} maps,
 * keyed by the job ID as text): one job's failure never hides another's success.
 */
public record JobResults<T>(Map<String, T> success, Map<String, ErrorDetail> failed) {

    /** Why one job failed: {@code {"detail": "..."}}. */
    public record ErrorDetail(String detail) {
    }

    public JobResults {
        success = new TreeMap<>(success);
        failed = new TreeMap<>(failed);
    }
}

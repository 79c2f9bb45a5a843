package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A body naming jobs: {@code {"job_ids": [1, 2, 3]}} (reschedule, sandbox unassign). */
public record JobIds(@JsonProperty("job_ids") List<Long> jobIds) {

    public JobIds {
        jobIds = jobIds == null ? null : List.copyOf(jobIds);
    }
}

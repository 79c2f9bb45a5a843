package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jobstream.events.JobStatus;

/** One job created by {@code POST /api/jobs/jdl} (DiracX's {@code InsertedJob}). */
public record InsertedJob(
        @JsonProperty("JobID") long jobId,
        @JsonProperty("Status") JobStatus status,
        @JsonProperty("MinorStatus") String minorStatus,
        @JsonProperty("TimeStamp") Instant timeStamp) {
}

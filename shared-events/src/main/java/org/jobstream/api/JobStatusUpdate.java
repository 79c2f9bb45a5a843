package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jobstream.events.JobStatus;

/**
 * One status update of {@code PATCH /api/jobs/status} (DiracX's {@code JobStatusUpdate}); every
 * field may be absent. A status that is not one of the job statuses is refused ({@code 422}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatusUpdate(
        @JsonProperty("Status") JobStatus status,
        @JsonProperty("MinorStatus") String minorStatus,
        @JsonProperty("ApplicationStatus") String applicationStatus,
        @JsonProperty("Source") String source) {
}

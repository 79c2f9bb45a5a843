package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jobstream.events.JobStatus;

/**
 * What a status request changed on one job: DiracX's {@code SetJobStatusReturnSuccess}, the
 * {@code success} entry of {@code PATCH /api/jobs/status} (and the status part of a reschedule's).
 * Every key is always written; a key is {@code null} when the request did not set it, so a job
 * whose updates were all older than its history gets an all-{@code null} entry.
 *
 * @param status            the new status (written whenever the status was recomputed, even if unchanged)
 * @param minorStatus       the new minor status
 * @param applicationStatus the new application status
 * @param heartBeatTime     the new {@code HeartBeatTime}
 * @param startExecTime     the new {@code StartExecTime} (only ever set once)
 * @param endExecTime       the new {@code EndExecTime} (only ever set once)
 * @param lastUpdateTime    the new {@code LastUpdateTime}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobStatusChange(
        @JsonProperty("Status") JobStatus status,
        @JsonProperty("MinorStatus") String minorStatus,
        @JsonProperty("ApplicationStatus") String applicationStatus,
        @JsonProperty("HeartBeatTime") Instant heartBeatTime,
        @JsonProperty("StartExecTime") Instant startExecTime,
        @JsonProperty("EndExecTime") Instant endExecTime,
        @JsonProperty("LastUpdateTime") Instant lastUpdateTime) {

    /** The entry of a job the request changed nothing on. */
    public static final JobStatusChange NONE = new JobStatusChange(null, null, null, null, null, null, null);
}

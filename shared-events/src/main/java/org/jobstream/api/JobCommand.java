package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A job command handed to a job's pilot with a heartbeat (DiracX's {@code JobCommand}, one element
 * of the answer of {@code PATCH /api/jobs/heartbeat}, snake_case as DiracX writes it).
 *
 * @param jobId     the job
 * @param command   the command, currently always {@code "Kill"}
 * @param arguments its arguments ({@code ""} for {@code Kill})
 */
public record JobCommand(
        @JsonProperty("job_id") long jobId,
        @JsonProperty("command") String command,
        @JsonProperty("arguments") String arguments) {
}

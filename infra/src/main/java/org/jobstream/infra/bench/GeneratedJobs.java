package org.jobstream.infra.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.EventTableRows;

/**
 * The synthetic jobs of the benchmarks: a spread of owners, sites, statuses and groups like a
 * production instance's, and the event store row of each one's {@code JobSubmitted}.
 */
final class GeneratedJobs {

    private static final String[] SITES = {"LCG.CERN.ch", "LCG.IN2P3.fr", "LCG.RAL.uk", "LCG.CNAF.it", "LCG.GRIDKA.de",
        "LCG.PIC.es", "LCG.NIKHEF.nl", "LCG.SARA.nl"};
    private static final JobStatus[] STATUSES = {JobStatus.RECEIVED, JobStatus.WAITING, JobStatus.RUNNING, JobStatus.DONE,
        JobStatus.FAILED};

    private final ObjectMapper json = JobEventCodec.defaultMapper();
    private final byte[] noMetadata;
    private final int owners;

    GeneratedJobs(int owners) {
        this.owners = owners;
        try {
            this.noMetadata = json.writeValueAsBytes(Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JobSubmitted job(long jobId, Instant submitted) {
        int n = (int) (jobId % 1_000_003);
        return new JobSubmitted(jobId, "user" + (n % owners), "lhcb_user", "lhcb", "bench-" + (n % 1000), "User",
                "group" + (n % 100), SITES[n % SITES.length], n % 10, STATUSES[n % STATUSES.length], "Loaded", "Unknown",
                "JobManager", submitted, "[ Executable = \"echo\"; JobID = " + jobId + "; ]", List.of(), List.of());
    }

    /**
     * The job's {@code JobSubmitted} as the event store's row, at {@code position} ({@code null}:
     * numbered by the table).
     */
    EventTableRows.Row row(Long position, long jobId, Instant submitted) {
        try {
            return new EventTableRows.Row(position, Long.toString(jobId), 0, UUID.randomUUID().toString(),
                    submitted.toString(), JobSubmitted.class.getName(), null, json.writeValueAsBytes(job(jobId, submitted)),
                    noMetadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.jobstream.infra.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.HeartbeatReceivedV1;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobEventType;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.store.EventTableRows;

/**
 * Event-store rows as the command service writes them, for benchmarks that need jobs with long
 * histories without sending each of their events through the API: a running job's submission and
 * its pilot's heartbeats, every five minutes, each with the six values a DIRAC job wrapper sends,
 * with the metadata the service stored for a real heartbeat. Heartbeats are written in their current
 * version; {@link #heartbeatV1} gives the same heartbeat as its first version was stored.
 */
final class StoredRows {

    static final Duration HEARTBEAT_INTERVAL = Duration.ofMinutes(5);
    private static final int BATCH = 1000;

    private final ObjectMapper json = JobEventCodec.defaultMapper();
    private final byte[] metadata;

    private StoredRows(byte[] metadata) {
        this.metadata = metadata;
    }

    /** The rows, with the metadata of a heartbeat the service stores now (a job submitted for it, and one heartbeat). */
    static StoredRows asTheServiceStoresThem(Connection db, ApiClient user, ApiClient pilot) throws Exception {
        long jobId = user.send("POST", "/api/jobs/jdl", List.of("Executable = \"echo\"; JobName = \"bench-rows\";"), 201)
                .get(0).get("JobID").asLong();
        pilot.send("PATCH", "/api/jobs/heartbeat", Map.of(Long.toString(jobId), Map.of("LoadAverage", 1.0)), 200);
        EventTableRows.Row heartbeat = EventTableRows.rowsOf(db, jobId).stream()
                .filter(row -> row.payloadType().equals(HeartbeatReceived.class.getName()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("The heartbeat of job " + jobId + " is not in the event store"));
        return new StoredRows(heartbeat.metadata());
    }

    /** The values of a heartbeat, as a job wrapper sends them, the {@code n}-th of its job. */
    static Map<String, String> pilotValues(int n) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LoadAverage", String.format(java.util.Locale.ROOT, "%.2f", 0.8 + (n % 17) / 10.0));
        values.put("MemoryUsed", Integer.toString(1_800_000 + (n * 37) % 200_000));
        values.put("Vsize", Integer.toString(2_500_000 + (n * 53) % 300_000));
        values.put("AvailableDiskSpace", Integer.toString(120_000 - (n % 1000)));
        values.put("CPUConsumed", Double.toString(290.5 * n));
        values.put("WallClockTime", Double.toString(300.0 * n));
        return values;
    }

    static JobSubmitted submitted(long jobId, Instant at) {
        return new JobSubmitted(jobId, "bench-cold", "lhcb_user", "lhcb", "bench-cold", "User", "00000000",
                "LCG.CERN.cern", 1, JobStatus.RUNNING, "Application", "Unknown", "JobManager", at,
                "[\n    Executable = \"lb-run\";\n    JobID = " + jobId + ";\n    JobName = \"bench-cold\";\n]",
                List.of(), List.of());
    }

    /** The {@code n}-th heartbeat of a running job submitted at {@code submitted}, in its current version. */
    static HeartbeatReceived heartbeat(long jobId, Instant submitted, int n) {
        return new HeartbeatReceived(jobId, submitted.plus(HEARTBEAT_INTERVAL.multipliedBy(n)), pilotValues(n), null);
    }

    /** The same heartbeat as Jobstream stored it before the event's second version. */
    static HeartbeatReceivedV1 heartbeatV1(long jobId, Instant submitted, int n) {
        Instant at = submitted.plus(HEARTBEAT_INTERVAL.multipliedBy(n));
        return new HeartbeatReceivedV1(jobId, at, pilotValues(n), null, JobStatus.RUNNING, "Application", "Unknown",
                submitted, null, at, submitted);
    }

    /**
     * Writes {@code jobs} new running jobs of {@code events} events each (their submission, then
     * heartbeats) into the event store, 1,000 rows a transaction; answers their IDs.
     */
    List<Long> insertJobs(Connection db, int events, int jobs) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement next = db.prepareStatement(
                "SELECT nextval('eventstore.job_id_seq') FROM generate_series(1, ?) ORDER BY 1")) {
            next.setInt(1, jobs);
            try (ResultSet rs = next.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        Instant submittedAt = ColdJobsBench.start(events);
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement insert = EventTableRows.appender(db)) {
            int pending = 0;
            for (long jobId : ids) {
                for (int seq = 0; seq < events; seq++) {
                    JobEvent event = seq == 0 ? submitted(jobId, submittedAt) : heartbeat(jobId, submittedAt, seq);
                    EventTableRows.bind(insert, row(jobId, seq, (Record) event, JobEventType.of(event).storedRevision(),
                            submittedAt.plus(HEARTBEAT_INTERVAL.multipliedBy(seq)), null));
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        db.commit();
                        pending = 0;
                    }
                }
            }
            insert.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return ids;
    }

    /**
     * An event-store row of the job, as the service stores it: {@code record} is a current event or
     * one of an earlier version; {@code position} is {@code null} to let the store number it.
     */
    EventTableRows.Row row(long jobId, long sequence, Record record, String revision, Instant at, Long position) {
        String payloadType = record instanceof JobEvent event ? event.getClass().getName()
                : java.util.Arrays.stream(OlderEventVersion.values()).filter(v -> v.eventClass() == record.getClass())
                        .findFirst().orElseThrow().storedPayloadType();
        try {
            return new EventTableRows.Row(position, Long.toString(jobId), sequence, UUID.randomUUID().toString(),
                    at.toString(), payloadType, revision, json.writeValueAsBytes(record), metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.jobstream.projections.jobs;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jobstream.access.SandboxPfn;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.JobCommandQueued;
import org.jobstream.events.JobCommandsDelivered;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobMetadataPatched;
import org.jobstream.events.JobRescheduled;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.OutputSandboxAssigned;
import org.jobstream.events.SandboxesUnassigned;
import org.jobstream.events.StatusRecord;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies job events to the PostgreSQL read model (jobs, their status records, their
 * parameters). Idempotent: an event older than or equal to what a row holds changes nothing, so
 * redelivered and replayed events are harmless.
 */
@Component
public class JobTableProjector {

    private final JdbcClient jdbc;

    public JobTableProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether the event changed the read model (false when it had been applied before) */
    public boolean apply(RecordedJobEvent recorded) {
        JobEvent event = recorded.event();
        if (event instanceof JobSubmitted submitted) {
            return insertJob(recorded, submitted);
        }
        if (event instanceof JobStatusUpdated e) {
            return setStatus(recorded, e.status(), e.minorStatus(), e.applicationStatus(), e.startExecTime(),
                    e.endExecTime(), e.heartBeatTime(), e.lastUpdateTime())
                    && logStatuses(recorded, e.records());
        }
        if (event instanceof HeartbeatReceived e) {
            return setStatus(recorded, e.status(), e.minorStatus(), e.applicationStatus(), e.startExecTime(),
                    e.endExecTime(), e.heartBeatTime(), e.lastUpdateTime())
                    && logStatuses(recorded, e.statusRecord() == null ? List.of() : List.of(e.statusRecord()))
                    && setParameters(recorded.jobId(), e.parameters());
        }
        if (event instanceof JobRescheduled e) {
            return reschedule(recorded, e) && logStatuses(recorded, e.records());
        }
        if (event instanceof JobMetadataPatched e) {
            return patchAttributes(recorded, e.attributes()) && setParameters(recorded.jobId(), e.parameters());
        }
        if (event instanceof OutputSandboxAssigned e) {
            return advance(recorded) && mapSandbox(e.jobId(), e.pfn(), OUTPUT, e.time());
        }
        if (event instanceof SandboxesUnassigned e) {
            return advance(recorded) && unmapSandboxes(e);
        }
        if (event instanceof JobCommandQueued || event instanceof JobCommandsDelivered) {
            // Job commands live in the aggregate; the row only records that it has seen the event.
            return advance(recorded);
        }
        throw new IllegalArgumentException("No projection for " + event.getClass().getSimpleName());
    }

    /** Moves the row to this event; false when the row already holds it or a newer one. */
    private boolean advance(RecordedJobEvent recorded) {
        return jdbc.sql("""
                UPDATE jobs SET event_seq = :seq, event_position = :position
                 WHERE job_id = :jobId AND event_seq < :seq
                """)
                .param("jobId", recorded.jobId())
                .param("seq", recorded.sequence())
                .param("position", recorded.position())
                .update() == 1;
    }

    private boolean setStatus(RecordedJobEvent recorded, JobStatus status, String minorStatus, String applicationStatus,
                              Instant startExecTime, Instant endExecTime, Instant heartBeatTime, Instant lastUpdateTime) {
        return jdbc.sql("""
                UPDATE jobs SET status = :status, minor_status = :minorStatus, application_status = :applicationStatus,
                                start_exec_time = :startExecTime, end_exec_time = :endExecTime,
                                heart_beat_time = :heartBeatTime, last_update_time = :lastUpdateTime,
                                event_seq = :seq, event_position = :position
                 WHERE job_id = :jobId AND event_seq < :seq
                """)
                .param("jobId", recorded.jobId())
                .param("seq", recorded.sequence())
                .param("position", recorded.position())
                .param("status", status.label())
                .param("minorStatus", minorStatus)
                .param("applicationStatus", applicationStatus)
                .param("startExecTime", timestamp(startExecTime))
                .param("endExecTime", timestamp(endExecTime))
                .param("heartBeatTime", timestamp(heartBeatTime))
                .param("lastUpdateTime", timestamp(lastUpdateTime))
                .update() == 1;
    }

    private boolean reschedule(RecordedJobEvent recorded, JobRescheduled e) {
        return jdbc.sql("""
                UPDATE jobs SET status = :status, minor_status = :minorStatus, application_status = :applicationStatus,
                                reschedule_counter = :counter, reschedule_time = :rescheduleTime,
                                last_update_time = :lastUpdateTime, event_seq = :seq, event_position = :position
                 WHERE job_id = :jobId AND event_seq < :seq
                """)
                .param("jobId", recorded.jobId())
                .param("seq", recorded.sequence())
                .param("position", recorded.position())
                .param("status", e.status().label())
                .param("minorStatus", e.minorStatus())
                .param("applicationStatus", e.applicationStatus())
                .param("counter", e.rescheduleCounter())
                .param("rescheduleTime", timestamp(e.rescheduleTime()))
                .param("lastUpdateTime", timestamp(e.lastUpdateTime()))
                .update() == 1;
    }

    /** Sets the attributes the patch names and leaves the others (one fixed statement, no SQL built at run time). */
    private boolean patchAttributes(RecordedJobEvent recorded, Map<String, Object> attributes) {
        MapSqlParameterSource values = new MapSqlParameterSource()
                .addValue("jobId", recorded.jobId())
                .addValue("seq", recorded.sequence())
                .addValue("position", recorded.position());
        for (JobAttribute attribute : JobAttribute.values()) {
            String key = attribute.wireName();
            boolean present = attributes.containsKey(key) && attribute != JobAttribute.JOB_ID;
            values.addValue("set" + key, present);
            values.addValue(key, present ? columnValue(attribute, attributes.get(key)) : null, sqlType(attribute));
        }
        return jdbc.sql(PATCH_ATTRIBUTES).paramSource(values).update() == 1;
    }

    private static final String PATCH_ATTRIBUTES = """
            UPDATE jobs SET
                job_type = CASE WHEN :setJobType THEN :JobType ELSE job_type END,
                job_group = CASE WHEN :setJobGroup THEN :JobGroup ELSE job_group END,
                site = CASE WHEN :setSite THEN :Site ELSE site END,
                job_name = CASE WHEN :setJobName THEN :JobName ELSE job_name END,
                owner = CASE WHEN :setOwner THEN :Owner ELSE owner END,
                owner_group = CASE WHEN :setOwnerGroup THEN :OwnerGroup ELSE owner_group END,
                vo = CASE WHEN :setVO THEN :VO ELSE vo END,
                submission_time = CASE WHEN :setSubmissionTime THEN :SubmissionTime ELSE submission_time END,
                reschedule_time = CASE WHEN :setRescheduleTime THEN :RescheduleTime ELSE reschedule_time END,
                last_update_time = CASE WHEN :setLastUpdateTime THEN :LastUpdateTime ELSE last_update_time END,
                start_exec_time = CASE WHEN :setStartExecTime THEN :StartExecTime ELSE start_exec_time END,
                heart_beat_time = CASE WHEN :setHeartBeatTime THEN :HeartBeatTime ELSE heart_beat_time END,
                end_exec_time = CASE WHEN :setEndExecTime THEN :EndExecTime ELSE end_exec_time END,
                status = CASE WHEN :setStatus THEN :Status ELSE status END,
                minor_status = CASE WHEN :setMinorStatus THEN :MinorStatus ELSE minor_status END,
                application_status = CASE WHEN :setApplicationStatus THEN :ApplicationStatus ELSE application_status END,
                user_priority = CASE WHEN :setUserPriority THEN :UserPriority ELSE user_priority END,
                reschedule_counter = CASE WHEN :setRescheduleCounter THEN :RescheduleCounter ELSE reschedule_counter END,
                verified_flag = CASE WHEN :setVerifiedFlag THEN :VerifiedFlag ELSE verified_flag END,
                accounted_flag = CASE WHEN :setAccountedFlag THEN :AccountedFlag ELSE accounted_flag END,
                event_seq = :seq, event_position = :position
             WHERE job_id = :jobId AND event_seq < :seq
            """;

    private static Object columnValue(JobAttribute attribute, Object value) {
        if (value == null) {
            return null;
        }
        return switch (attribute.type()) {
            case DATETIME -> Timestamp.from(Instant.parse(value.toString()));
            case INTEGER -> ((Number) value).intValue();
            case BOOLEAN -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
            case STRING -> attribute == JobAttribute.ACCOUNTED_FLAG && value instanceof Boolean b
                    ? (b ? "True" : "False") : value.toString();
        };
    }

    private static int sqlType(JobAttribute attribute) {
        return switch (attribute.type()) {
            case DATETIME -> Types.TIMESTAMP;
            case INTEGER -> Types.INTEGER;
            case BOOLEAN -> Types.BOOLEAN;
            case STRING -> Types.VARCHAR;
        };
    }

    private boolean setParameters(long jobId, Map<String, String> parameters) {
        parameters.forEach((name, value) -> jdbc.sql("""
                        INSERT INTO job_parameters (job_id, name, value) VALUES (:jobId, :name, :value)
                        ON CONFLICT (job_id, name) DO UPDATE SET value = EXCLUDED.value
                        """)
                .param("jobId", jobId)
                .param("name", name)
                .param("value", value == null ? "" : value)
                .update());
        return true;
    }

    private boolean logStatuses(RecordedJobEvent recorded, List<StatusRecord> records) {
        for (int i = 0; i < records.size(); i++) {
            StatusRecord r = records.get(i);
            logStatus(recorded, i, r.statusLabel(), r.minorStatus(), r.applicationStatus(), timestamp(r.time()), r.source());
        }
        return true;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private boolean insertJob(RecordedJobEvent recorded, JobSubmitted e) {
        Timestamp submitted = Timestamp.from(e.submissionTime());
        int inserted = jdbc.sql("""
                INSERT INTO jobs (job_id, job_type, job_group, site, job_name, owner, owner_group, vo,
                                  submission_time, last_update_time, status, minor_status, application_status,
                                  user_priority, jdl, event_seq, event_position)
                VALUES (:jobId, :jobType, :jobGroup, :site, :jobName, :owner, :ownerGroup, :vo,
                        :submitted, :submitted, :status, :minorStatus, :applicationStatus,
                        :userPriority, :jdl, :seq, :position)
                ON CONFLICT (job_id) DO NOTHING
                """)
                .param("jobId", e.jobId())
                .param("jobType", e.jobType())
                .param("jobGroup", e.jobGroup())
                .param("site", e.site())
                .param("jobName", e.jobName())
                .param("owner", e.owner())
                .param("ownerGroup", e.ownerGroup())
                .param("vo", e.vo())
                .param("submitted", submitted)
                .param("status", e.status().label())
                .param("minorStatus", e.minorStatus())
                .param("applicationStatus", e.applicationStatus())
                .param("userPriority", e.userPriority())
                .param("jdl", e.jdl())
                .param("seq", recorded.sequence())
                .param("position", recorded.position())
                .update();
        if (inserted == 0) {
            return false;
        }
        logStatus(recorded, 0, e.status().label(), e.minorStatus(), e.applicationStatus(), submitted, e.source());
        e.inputSandboxes().forEach(pfn -> mapSandbox(e.jobId(), SandboxPfn.shortFormOf(pfn), INPUT, e.submissionTime()));
        return true;
    }

    static final String INPUT = "Input";
    static final String OUTPUT = "Output";


    private boolean mapSandbox(long jobId, String pfn, String kind, Instant time) {
        jdbc.sql("""
                INSERT INTO job_sandboxes (job_id, pfn, kind, assigned_at) VALUES (:jobId, :pfn, :kind, :time)
                ON CONFLICT DO NOTHING
                """)
                .param("jobId", jobId).param("pfn", pfn).param("kind", kind).param("time", Timestamp.from(time))
                .update();
        jdbc.sql("DELETE FROM sandbox_releases WHERE pfn = :pfn").param("pfn", pfn).update();
        return true;
    }

    /** Drops the job's mappings; a sandbox no job maps any more is released from now on. */
    private boolean unmapSandboxes(SandboxesUnassigned e) {
        jdbc.sql("DELETE FROM job_sandboxes WHERE job_id = :jobId").param("jobId", e.jobId()).update();
        for (String pfn : e.pfns()) {
            jdbc.sql("""
                    INSERT INTO sandbox_releases (pfn, released_at)
                    SELECT :pfn, :time WHERE NOT EXISTS (SELECT 1 FROM job_sandboxes WHERE pfn = :pfn)
                    ON CONFLICT (pfn) DO UPDATE SET released_at = GREATEST(sandbox_releases.released_at, EXCLUDED.released_at)
                    """)
                    .param("pfn", pfn).param("time", Timestamp.from(e.time()))
                    .update();
        }
        return true;
    }

    private void logStatus(RecordedJobEvent recorded, int recordNo, String status, String minorStatus,
                           String applicationStatus, Timestamp time, String source) {
        jdbc.sql("""
                INSERT INTO job_logging (job_id, event_seq, record_no, status, minor_status, application_status,
                                         status_time, source)
                VALUES (:jobId, :seq, :recordNo, :status, :minorStatus, :applicationStatus, :time, :source)
                ON CONFLICT DO NOTHING
                """)
                .param("jobId", recorded.jobId())
                .param("seq", recorded.sequence())
                .param("recordNo", recordNo)
                .param("status", status)
                .param("minorStatus", minorStatus)
                .param("applicationStatus", applicationStatus)
                .param("time", time)
                .param("source", source)
                .update();
    }
}

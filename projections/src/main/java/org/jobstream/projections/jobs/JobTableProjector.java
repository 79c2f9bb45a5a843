package org.jobstream.projections.jobs;

import java.sql.Timestamp;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.RecordedJobEvent;
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

    /** @return whether the event changed the read model */
    public boolean apply(RecordedJobEvent recorded) {
        JobEvent event = recorded.event();
        if (event instanceof JobSubmitted submitted) {
            return insertJob(recorded, submitted);
        }
        throw new IllegalArgumentException("No projection for " + event.getClass().getSimpleName());
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

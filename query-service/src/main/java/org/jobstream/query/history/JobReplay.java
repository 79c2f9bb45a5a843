package org.jobstream.query.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobMetadataPatched;
import org.jobstream.events.JobRescheduled;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.JobSubmitted;

/**
 * Replays a job's events into its attributes as they were at a given time: computed from the
 * events each time, never stored. Pure.
 */
final class JobReplay {

    private JobReplay() {
    }

    /**
     * @param events the job's events, oldest first
     * @param times  when each event happened
     * @return the job's attributes after every event up to {@code asOf}; empty when the job did not exist yet
     */
    static Optional<Map<String, Object>> stateAt(List<JobEvent> events, List<Instant> times, Instant asOf) {
        Map<String, Object> state = null;
        for (int i = 0; i < events.size(); i++) {
            if (times.get(i).isAfter(asOf)) {
                break;
            }
            state = apply(state, events.get(i));
        }
        return Optional.ofNullable(state);
    }

    static Map<String, Object> apply(Map<String, Object> state, JobEvent event) {
        if (event instanceof JobSubmitted e) {
            Map<String, Object> job = new LinkedHashMap<>();
            put(job, JobAttribute.JOB_ID, e.jobId());
            put(job, JobAttribute.JOB_TYPE, e.jobType());
            put(job, JobAttribute.JOB_GROUP, e.jobGroup());
            put(job, JobAttribute.SITE, e.site());
            put(job, JobAttribute.JOB_NAME, e.jobName());
            put(job, JobAttribute.OWNER, e.owner());
            put(job, JobAttribute.OWNER_GROUP, e.ownerGroup());
            put(job, JobAttribute.VO, e.vo());
            put(job, JobAttribute.SUBMISSION_TIME, e.submissionTime().toString());
            put(job, JobAttribute.RESCHEDULE_TIME, null);
            put(job, JobAttribute.LAST_UPDATE_TIME, e.submissionTime().toString());
            put(job, JobAttribute.START_EXEC_TIME, null);
            put(job, JobAttribute.HEART_BEAT_TIME, null);
            put(job, JobAttribute.END_EXEC_TIME, null);
            put(job, JobAttribute.STATUS, e.status().label());
            put(job, JobAttribute.MINOR_STATUS, e.minorStatus());
            put(job, JobAttribute.APPLICATION_STATUS, e.applicationStatus());
            put(job, JobAttribute.USER_PRIORITY, e.userPriority());
            put(job, JobAttribute.RESCHEDULE_COUNTER, 0);
            put(job, JobAttribute.VERIFIED_FLAG, true);
            put(job, JobAttribute.ACCOUNTED_FLAG, false);
            return job;
        }
        Map<String, Object> job = new LinkedHashMap<>(state);
        if (event instanceof JobStatusUpdated e) {
            status(job, e.status(), e.minorStatus(), e.applicationStatus(), e.startExecTime(), e.endExecTime(),
                    e.heartBeatTime(), e.lastUpdateTime());
        } else if (event instanceof HeartbeatReceived e) {
            status(job, e.status(), e.minorStatus(), e.applicationStatus(), e.startExecTime(), e.endExecTime(),
                    e.heartBeatTime(), e.lastUpdateTime());
        } else if (event instanceof JobRescheduled e) {
            put(job, JobAttribute.STATUS, e.status().label());
            put(job, JobAttribute.MINOR_STATUS, e.minorStatus());
            put(job, JobAttribute.APPLICATION_STATUS, e.applicationStatus());
            put(job, JobAttribute.RESCHEDULE_COUNTER, e.rescheduleCounter());
            put(job, JobAttribute.RESCHEDULE_TIME, text(e.rescheduleTime()));
            put(job, JobAttribute.LAST_UPDATE_TIME, text(e.lastUpdateTime()));
        } else if (event instanceof JobMetadataPatched e) {
            e.attributes().forEach((name, value) -> job.put(name, name.equals(JobAttribute.ACCOUNTED_FLAG.wireName())
                    && ("True".equals(value) || "False".equals(value)) ? Boolean.valueOf((String) value) : value));
        }
        // Job commands queued and delivered change no attribute.
        return job;
    }

    private static void status(Map<String, Object> job, JobStatus status, String minorStatus, String applicationStatus,
                               Instant startExecTime, Instant endExecTime, Instant heartBeatTime, Instant lastUpdateTime) {
        put(job, JobAttribute.STATUS, status.label());
        put(job, JobAttribute.MINOR_STATUS, minorStatus);
        put(job, JobAttribute.APPLICATION_STATUS, applicationStatus);
        put(job, JobAttribute.START_EXEC_TIME, text(startExecTime));
        put(job, JobAttribute.END_EXEC_TIME, text(endExecTime));
        put(job, JobAttribute.HEART_BEAT_TIME, text(heartBeatTime));
        put(job, JobAttribute.LAST_UPDATE_TIME, text(lastUpdateTime));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void put(Map<String, Object> job, JobAttribute attribute, Object value) {
        job.put(attribute.wireName(), value);
    }
}

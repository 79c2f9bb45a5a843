package org.jobstream.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The job attributes of the DiracX API, by their wire names and types. Search, summary, sorting
 * and the metadata patch accept these names; the read models store them under these names.
 */
public enum JobAttribute {
    JOB_ID("JobID", Type.INTEGER),
    JOB_TYPE("JobType", Type.STRING),
    JOB_GROUP("JobGroup", Type.STRING),
    SITE("Site", Type.STRING),
    JOB_NAME("JobName", Type.STRING),
    OWNER("Owner", Type.STRING),
    OWNER_GROUP("OwnerGroup", Type.STRING),
    VO("VO", Type.STRING),
    SUBMISSION_TIME("SubmissionTime", Type.DATETIME),
    RESCHEDULE_TIME("RescheduleTime", Type.DATETIME),
    LAST_UPDATE_TIME("LastUpdateTime", Type.DATETIME),
    START_EXEC_TIME("StartExecTime", Type.DATETIME),
    HEART_BEAT_TIME("HeartBeatTime", Type.DATETIME),
    END_EXEC_TIME("EndExecTime", Type.DATETIME),
    STATUS("Status", Type.STRING),
    MINOR_STATUS("MinorStatus", Type.STRING),
    APPLICATION_STATUS("ApplicationStatus", Type.STRING),
    USER_PRIORITY("UserPriority", Type.INTEGER),
    RESCHEDULE_COUNTER("RescheduleCounter", Type.INTEGER),
    VERIFIED_FLAG("VerifiedFlag", Type.BOOLEAN),
    ACCOUNTED_FLAG("AccountedFlag", Type.STRING);

    /** The value types of attributes. */
    public enum Type { STRING, INTEGER, DATETIME, BOOLEAN }

    private static final Map<String, JobAttribute> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(JobAttribute::wireName, Function.identity()));

    private final String wireName;
    private final Type type;

    JobAttribute(String wireName, Type type) {
        this.wireName = wireName;
        this.type = type;
    }

    /** The name in the API and the read models, e.g. {@code "JobID"}. */
    public String wireName() {
        return wireName;
    }

    public Type type() {
        return type;
    }

    public static Optional<JobAttribute> fromWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

package org.jobstream.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The job attributes of the DiracX API: the one definition of each, which every validator, the
 * read model's columns, the search index and the answers follow. Search, summary, sorting and the
 * metadata patch accept these wire names; the read models store them under these names (the
 * PostgreSQL read model under {@link #column()}).
 *
 * <p>A value of an attribute, wherever Jobstream holds one, is of {@link Type#javaType() its type's
 * Java type}: {@code String}, {@code Long}, {@code Instant} or {@code Boolean}. Text is at most
 * {@link #maxLength()} characters (DiracX's column widths), times lie between {@link #EARLIEST}
 * and {@link #LATEST}.
 */
public enum JobAttribute {
    JOB_ID("JobID", Type.INTEGER, 0, false),
    JOB_TYPE("JobType", Type.STRING, 32, true),
    JOB_GROUP("JobGroup", Type.STRING, 32, true),
    SITE("Site", Type.STRING, 100, true),
    JOB_NAME("JobName", Type.STRING, 128, true),
    OWNER("Owner", Type.STRING, 64, false),
    OWNER_GROUP("OwnerGroup", Type.STRING, 128, false),
    VO("VO", Type.STRING, 32, false),
    SUBMISSION_TIME("SubmissionTime", Type.DATETIME, 0, true),
    RESCHEDULE_TIME("RescheduleTime", Type.DATETIME, 0, true),
    LAST_UPDATE_TIME("LastUpdateTime", Type.DATETIME, 0, true),
    START_EXEC_TIME("StartExecTime", Type.DATETIME, 0, true),
    HEART_BEAT_TIME("HeartBeatTime", Type.DATETIME, 0, true),
    END_EXEC_TIME("EndExecTime", Type.DATETIME, 0, true),
    STATUS("Status", Type.STRING, 32, true),
    MINOR_STATUS("MinorStatus", Type.STRING, 128, true),
    APPLICATION_STATUS("ApplicationStatus", Type.STRING, 255, true),
    USER_PRIORITY("UserPriority", Type.INTEGER, 0, true),
    RESCHEDULE_COUNTER("RescheduleCounter", Type.INTEGER, 0, true),
    VERIFIED_FLAG("VerifiedFlag", Type.BOOLEAN, 0, true),
    /** {@code "True"}, {@code "False"} or {@code "Failed"}; answered as {@code true}/{@code false} or {@code "Failed"}. */
    ACCOUNTED_FLAG("AccountedFlag", Type.STRING, 8, true);

    /** The value types of attributes. */
    public enum Type {
        STRING(String.class), INTEGER(Long.class), DATETIME(Instant.class), BOOLEAN(Boolean.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** The class of every value of this type that Jobstream holds. */
        public Class<?> javaType() {
            return javaType;
        }
    }

    /** The earliest time an attribute, a status update or a heartbeat may carry. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The latest time an attribute, a status update or a heartbeat may carry (MySQL's DATETIME bound). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Whether {@code time} lies between {@link #EARLIEST} and {@link #LATEST}. */
    public static boolean inRange(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }

    /**
     * A time as every store keeps it: to the microsecond (PostgreSQL's and DiracX's precision).
     * Times from requests are cut to it before they become events, so that the read models, which
     * would otherwise round (PostgreSQL) or keep (Elasticsearch) the rest, agree.
     */
    public static Instant storedPrecision(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    private static final Map<String, JobAttribute> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(JobAttribute::wireName, Function.identity()));

    private final String wireName;
    private final Type type;
    private final int maxLength;
    private final boolean patchable;

    JobAttribute(String wireName, Type type, int maxLength, boolean patchable) {
        this.wireName = wireName;
        this.type = type;
        this.maxLength = maxLength;
        this.patchable = patchable;
    }

    /** The name in the API and the search index, e.g. {@code "JobID"}. */
    public String wireName() {
        return wireName;
    }

    public Type type() {
        return type;
    }

    /** The column of the PostgreSQL read model: the wire name in snake case ({@code job_id}, {@code vo}). */
    public String column() {
        return switch (this) {
            case JOB_ID -> "job_id";
            case VO -> "vo";
            default -> wireName.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        };
    }

    /** The most characters a text value may have; 0 for attributes that are not text. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Whether a metadata patch may set it. Identity and ownership ({@code JobID}, {@code Owner},
     * {@code OwnerGroup}, {@code VO}) are fixed at submission: one owner for commands and reads.
     */
    public boolean patchable() {
        return patchable;
    }

    /**
     * The value as the API answers it: times as ISO-8601 text, {@code AccountedFlag} as a boolean
     * unless it is {@code "Failed"}, the rest as held.
     */
    public Object toApi(Object value) {
        if (value == null) {
            return null;
        }
        if (this == ACCOUNTED_FLAG) {
            return "True".equals(value) || "False".equals(value) ? Boolean.valueOf((String) value) : value;
        }
        return type == Type.DATETIME ? value.toString() : value;
    }

    /**
     * A value as an event carries it (JSON-native: times as ISO-8601 text, integers as any number,
     * {@code AccountedFlag} perhaps as a boolean), as Jobstream holds it: of {@link Type#javaType()}.
     */
    public Object fromEvent(Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case STRING -> value instanceof Boolean flag ? (flag ? "True" : "False") : value.toString();
            case INTEGER -> value instanceof Number number ? Long.valueOf(number.longValue()) : Long.valueOf(value.toString());
            case DATETIME -> value instanceof Instant instant ? instant : Instant.parse(value.toString());
            case BOOLEAN -> value instanceof Boolean flag ? flag : Boolean.valueOf(value.toString());
        };
    }

    public static Optional<JobAttribute> fromWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

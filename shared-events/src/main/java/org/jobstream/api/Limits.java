package org.jobstream.api;

/**
 * The bounds of what one request may carry, beyond each attribute's own ({@link
 * org.jobstream.events.JobAttribute#maxLength()}, {@link org.jobstream.events.JobAttribute#EARLIEST},
 * {@link org.jobstream.events.JobAttribute#LATEST}). The command side refuses anything beyond them
 * with a {@code 4xx} before it becomes an event, so that every event it accepts fits every store
 * downstream (Kafka's record limit is set well above the largest event they allow). Listed for
 * users in {@code docs/operations.md}.
 */
public final class Limits {

    /** Characters of one JDL. */
    public static final int MAX_JDL_LENGTH = 262_144;
    /** Job IDs in one request (status, heartbeat, metadata, reschedule, sandbox unassignment). */
    public static final int MAX_JOB_IDS = 10_000;
    /** Status updates of one job in one request. */
    public static final int MAX_UPDATES_PER_JOB = 1_000;
    /** Characters of one job parameter's value (a metadata value, a heartbeat's {@code StandardOutput}). */
    public static final int MAX_PARAMETER_VALUE_LENGTH = 65_536;
    /** Characters of all parameter values one request sets on one job. */
    public static final int MAX_PARAMETERS_LENGTH_PER_JOB = 262_144;
    /** Characters of a job parameter's name. */
    public static final int MAX_PARAMETER_NAME_LENGTH = 100;

    private Limits() {
    }
}

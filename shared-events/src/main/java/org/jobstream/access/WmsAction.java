package org.jobstream.access;

/** What a caller wants to do with jobs, as the WMS access policy distinguishes it. */
public enum WmsAction {
    /** Submit jobs. */
    CREATE,
    /** Read given jobs' data (their sandboxes, their history). */
    READ,
    /** Change given jobs: status, reschedule, metadata, sandbox assignment. */
    MANAGE,
    /** Search and summarise (which jobs are visible is decided by {@link JobVisibility}). */
    QUERY,
    /** What a pilot does: status and heartbeat; treated exactly as {@link #MANAGE}. */
    PILOT
}

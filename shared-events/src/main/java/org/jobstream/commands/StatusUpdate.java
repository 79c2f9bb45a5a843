package org.jobstream.commands;

import java.time.Instant;
import java.util.Objects;
import org.jobstream.events.JobStatus;

/**
 * One update of a status request (DiracX's {@code JobStatusUpdate}, the value under one timestamp
 * key of {@code PATCH /api/jobs/status}). Fields left {@code null} are logged as {@code "idem"}.
 *
 * @param timestamp         when the update happened at its source (time-zone aware on the wire)
 * @param status            the requested status, or {@code null} to keep the status
 * @param minorStatus       the new minor status, or {@code null}
 * @param applicationStatus the new application status, or {@code null}
 * @param source            who sends it; {@value #DEFAULT_SOURCE} when {@code null}, as in DiracX
 */
public record StatusUpdate(Instant timestamp, JobStatus status, String minorStatus, String applicationStatus,
                           String source) {

    /** DiracX's default {@code Source}. */
    public static final String DEFAULT_SOURCE = "Unknown";

    public StatusUpdate {
        Objects.requireNonNull(timestamp, "timestamp");
        source = source == null ? DEFAULT_SOURCE : source;
    }
}

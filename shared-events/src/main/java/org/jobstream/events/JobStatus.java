package org.jobstream.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The status of a job, spelled exactly as DIRAC and DiracX spell it on the wire
 * ({@code "Received"}, {@code "Running"}, ...).
 */
public enum JobStatus {
    SUBMITTING("Submitting"),
    RECEIVED("Received"),
    CHECKING("Checking"),
    SCOUTING("Scouting"),
    STAGING("Staging"),
    WAITING("Waiting"),
    MATCHED("Matched"),
    RESCHEDULED("Rescheduled"),
    RUNNING("Running"),
    STALLED("Stalled"),
    COMPLETING("Completing"),
    DONE("Done"),
    COMPLETED("Completed"),
    FAILED("Failed"),
    DELETED("Deleted"),
    KILLED("Killed");

    private static final Map<String, JobStatus> BY_LABEL =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(JobStatus::label, Function.identity()));

    private final String label;

    JobStatus(String label) {
        this.label = label;
    }

    /** The wire spelling, e.g. {@code "Received"}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** Finds a status by its wire spelling (exact case), empty when there is none. */
    public static Optional<JobStatus> fromLabel(String label) {
        return Optional.ofNullable(BY_LABEL.get(label));
    }

    @JsonCreator
    static JobStatus parse(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException("Unknown job status: " + label));
    }

    @Override
    public String toString() {
        return label;
    }
}

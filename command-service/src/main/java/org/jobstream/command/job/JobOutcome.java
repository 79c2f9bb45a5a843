package org.jobstream.command.job;

/** One job's outcome in a request about many: a result, or the reason it failed. */
public record JobOutcome<R>(R result, Throwable failure) {

    public static <R> JobOutcome<R> success(R result) {
        return new JobOutcome<>(result, null);
    }

    public static <R> JobOutcome<R> failure(Throwable failure) {
        return new JobOutcome<>(null, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }
}

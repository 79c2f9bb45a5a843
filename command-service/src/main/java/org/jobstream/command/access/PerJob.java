package org.jobstream.command.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Sends one command per job at once and waits for all: updates to many jobs run in parallel, and
 * one job's failure is its own.
 */
public final class PerJob {

    /** One job's outcome: a result or the reason it failed. */
    public record Outcome<R>(R result, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    private PerJob() {
    }

    public static <R> Map<Long, Outcome<R>> dispatch(Iterable<Long> jobIds, Function<Long, CompletableFuture<R>> send) {
        Map<Long, CompletableFuture<R>> pending = new LinkedHashMap<>();
        for (Long jobId : jobIds) {
            pending.put(jobId, send.apply(jobId));
        }
        Map<Long, Outcome<R>> outcomes = new LinkedHashMap<>();
        pending.forEach((jobId, future) -> {
            try {
                outcomes.put(jobId, new Outcome<>(future.join(), null));
            } catch (CompletionException e) {
                outcomes.put(jobId, new Outcome<>(null, e.getCause() == null ? e : e.getCause()));
            }
        });
        return outcomes;
    }
}

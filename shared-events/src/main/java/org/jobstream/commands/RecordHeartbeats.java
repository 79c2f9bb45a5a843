package org.jobstream.commands;

import java.util.List;

/**
 * Record the heartbeats of several jobs ({@code PATCH /api/jobs/heartbeat}) in one unit of work:
 * their events are appended in one transaction, yet each job answers for itself: a heartbeat
 * refused fails only its own job.
 */
public record RecordHeartbeats(List<RecordHeartbeat> heartbeats) {

    public RecordHeartbeats {
        if (heartbeats == null || heartbeats.isEmpty()) {
            throw new IllegalArgumentException("RecordHeartbeats needs at least one heartbeat");
        }
        heartbeats = List.copyOf(heartbeats);
    }
}

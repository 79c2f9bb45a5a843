package org.jobstream.commands;

import java.util.List;

/**
 * Apply the status updates of several jobs ({@code PATCH /api/jobs/status}) in one unit of work:
 * their events are appended in one transaction, yet each job answers for itself: an update the
 * state machine refuses fails only its own job.
 */
public record UpdateJobStatuses(List<UpdateJobStatus> updates) {

    public UpdateJobStatuses {
        if (updates == null || updates.isEmpty()) {
            throw new IllegalArgumentException("UpdateJobStatuses needs at least one update");
        }
        updates = List.copyOf(updates);
    }
}

package org.jobstream.query.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobState;

/**
 * Replays a job's events into its attributes as they were at a given time: computed from the
 * events each time ({@link JobState}, as the aggregate and the read models do), never stored. Pure.
 */
final class JobReplay {

    private JobReplay() {
    }

    /**
     * @param events the job's events, oldest first
     * @param times  when each event happened
     * @return the job's attributes after every event up to {@code asOf}; empty when the job did not exist yet
     */
    static Optional<Map<String, Object>> stateAt(List<JobEvent> events, List<Instant> times, Instant asOf) {
        JobState state = new JobState();
        for (int i = 0; i < events.size() && !times.get(i).isAfter(asOf); i++) {
            state.apply(events.get(i));
        }
        return state.exists() ? Optional.of(state.toApi()) : Optional.empty();
    }
}

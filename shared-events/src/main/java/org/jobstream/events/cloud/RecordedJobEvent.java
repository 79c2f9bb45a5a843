package org.jobstream.events.cloud;

import java.time.Instant;
import org.jobstream.events.JobEvent;

/**
 * A job event as the event store recorded it.
 *
 * @param id        the event's unique identifier (the CloudEvent {@code id}); redeliveries repeat it
 * @param event     the event itself
 * @param sequence  the event's number within its job, from 0; a read model applies an event only when
 *                  it is newer than what it holds
 * @param position  the event's position in the whole event store (global, increasing)
 * @param time      when the change happened at its source
 */
public record RecordedJobEvent(String id, JobEvent event, long sequence, long position, Instant time) {

    public long jobId() {
        return event.jobId();
    }
}

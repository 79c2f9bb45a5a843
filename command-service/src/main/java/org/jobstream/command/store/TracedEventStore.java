package org.jobstream.command.store;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/** Axon's event store, with the append of each unit of work's events in a span ({@link CommandSpans}). */
public final class TracedEventStore extends EmbeddedEventStore {

    private final CommandSpans spans;

    public TracedEventStore(EmbeddedEventStore.Builder builder, CommandSpans spans) {
        super(builder);
        this.spans = spans;
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        spans.appending(events, () -> super.prepareCommit(events));
    }
}

package org.jobstream.command.config;

import java.util.Objects;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through only the snapshots of an aggregate type that this version can read: of its class and
 * current revision, and that actually read back. Axon reads a snapshot's payload lazily, when the
 * repository builds the aggregate from it, so an unreadable snapshot would fail the command that
 * loads the aggregate; refused here, the aggregate is replayed from its events instead, and its next
 * snapshot replaces the refused one. Snapshots of other aggregate types pass untouched.
 */
final class ReadableSnapshotFilter implements SnapshotFilter {

    private static final Logger log = LoggerFactory.getLogger(ReadableSnapshotFilter.class);

    private final String aggregateType;
    private final String payloadType;
    private final String revision;
    private final Serializer serializer;

    ReadableSnapshotFilter(Class<?> aggregate, String revision, Serializer serializer) {
        this.aggregateType = aggregate.getSimpleName();
        this.payloadType = aggregate.getName();
        this.revision = revision;
        this.serializer = serializer;
    }

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        if (!aggregateType.equals(snapshot.getType())) {
            return true;
        }
        SerializedType type = snapshot.getPayload().getType();
        if (!payloadType.equals(type.getName()) || !Objects.equals(revision, type.getRevision())) {
            log.info("Ignoring the snapshot of {} {} at event {}: it is {} revision {}, this version reads revision {}; "
                            + "replaying its events", aggregateType, snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(), type.getName(), type.getRevision(), revision);
            return false;
        }
        try {
            serializer.deserialize(snapshot.getPayload());
            return true;
        } catch (RuntimeException e) {
            log.warn("Ignoring the snapshot of {} {} at event {}: it cannot be read ({}); replaying its events",
                    aggregateType, snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), e.toString());
            return false;
        }
    }
}

package org.jobstream.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.jobstream.events.JobEventType;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.events.cloud.JobEventCodec;
import org.springframework.stereotype.Component;

/**
 * Axon's upcaster of stored job events of an earlier version ({@link OlderEventVersion}, e.g. a
 * {@code heartbeat-received.v1}): whatever reads the event store through Axon, the Job aggregate
 * when it is loaded and the publisher, gets the current version of the event, as every other reader
 * does ({@link JobEventCodec#upcast}, the one definition of each upcast). The stored rows are never
 * rewritten: the store keeps what was stored.
 */
@Component
class OlderEventVersionsUpcaster extends SingleEventUpcaster {

    private final JobEventCodec codec = new JobEventCodec();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return OlderEventVersion.ofStored(representation.getType().getName(), representation.getType().getRevision())
                .isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        OlderEventVersion version = OlderEventVersion.ofStored(representation.getType().getName(),
                representation.getType().getRevision()).orElseThrow();
        JobEventType current = version.current();
        return representation.upcastPayload(
                new SimpleSerializedType(current.eventClass().getName(), current.storedRevision()),
                JsonNode.class, data -> codec.upcast(version, data));
    }
}

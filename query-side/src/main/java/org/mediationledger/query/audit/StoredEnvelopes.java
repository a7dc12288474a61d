package org.mediationledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.wire.ChainHash;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.EventMetadata;
import org.mediationledger.events.wire.EventTypes;
import org.mediationledger.events.wire.PublishedEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of the event store as the projections take it: the envelope the relay would have published, and
 * its payload as the event class. Replays (the case as it stood, a rebuild) read the store through this,
 * so they hand the projections exactly what the live ingestion hands them.
 */
public final class StoredEnvelopes {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    private StoredEnvelopes() {
    }

    public static PublishedEvent envelope(ChainHash.StoredEvent event, long globalIndex) {
        JsonNode metadata = read(event.metaData());
        String type = typeName(event);
        String aggregateType = EventTypes.byName(type).map(EventTypes::aggregateTypeOf).orElse("unknown");
        return new PublishedEvent(event.eventIdentifier(), aggregateType, event.aggregateIdentifier(), event.sequenceNumber(),
                globalIndex, type, event.payloadRevision(), Instant.parse(event.timeStamp()),
                new EventMetadata(text(metadata, EventMetadata.ACTOR_ID), text(metadata, EventMetadata.ACTOR_ROLE),
                        text(metadata, EventMetadata.REQUEST_ID), text(metadata, EventMetadata.CORRELATION_ID),
                        text(metadata, EventMetadata.CAUSATION_ID)),
                read(event.payload()));
    }

    /** The payload as its event class, or empty for a type this side does not know. */
    public static Optional<Object> payload(ChainHash.StoredEvent event) {
        String type = typeName(event);
        return EventTypes.byName(type).map(eventType -> {
            try {
                return JSON.readValue(event.payload(), eventType);
            } catch (IOException unreadable) {
                // the message could quote the payload, which may hold personal data: name the event only
                throw new IllegalStateException("stored event " + event.sequenceNumber() + " of "
                        + event.aggregateIdentifier() + " cannot be read as " + type);
            }
        });
    }

    private static String typeName(ChainHash.StoredEvent event) {
        return event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1);
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return bytes == null ? JSON.nullNode() : JSON.readTree(bytes);
        } catch (IOException unreadable) {
            throw new IllegalStateException("a stored event is not JSON; the case's verification says where");
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }
}

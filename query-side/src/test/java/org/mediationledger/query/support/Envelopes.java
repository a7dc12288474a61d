package org.mediationledger.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.EventMetadata;
import org.mediationledger.events.wire.EventTypes;
import org.mediationledger.events.wire.PublishedEvent;

import java.time.Instant;
import java.util.UUID;

/** Wraps event payloads in the wire envelope, as the command side's relay does. */
public final class Envelopes {

    static final ObjectMapper JSON = EventJson.newObjectMapper();

    private Envelopes() {
    }

    public static PublishedEvent wrap(String aggregateId, long sequence, Object payload, String actorId, String actorRole) {
        return new PublishedEvent(UUID.randomUUID().toString(),
                EventTypes.aggregateTypeOf(payload.getClass()),
                aggregateId,
                sequence,
                GlobalIndex.next(),
                payload.getClass().getSimpleName(),
                "1",
                Instant.now(),
                new EventMetadata(actorId, actorRole, UUID.randomUUID().toString(), UUID.randomUUID().toString(), null),
                JSON.valueToTree(payload));
    }
}

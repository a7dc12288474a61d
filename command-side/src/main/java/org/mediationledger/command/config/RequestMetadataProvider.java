package org.mediationledger.command.config;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.mediationledger.events.wire.EventMetadata;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies the actor and request of a command onto every event it causes, and records the causation: the
 * message that directly caused the event. The correlation id is that of the request that started the chain.
 */
class RequestMetadataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : new String[]{EventMetadata.ACTOR_ID, EventMetadata.ACTOR_ROLE, EventMetadata.REQUEST_ID}) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.put(EventMetadata.CORRELATION_ID,
                message.getMetaData().getOrDefault(EventMetadata.CORRELATION_ID, message.getIdentifier()));
        data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}

package org.mediationledger.command.config;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.mediationledger.events.wire.EventMetadata;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies the actor and request of a command onto every event it causes, and records the causation: the
 * message that directly caused the event. The correlation id is that of the request that started the chain.
 * A deadline that passes is nobody's act: its events are the system's ({@link EventMetadata#DEADLINES_ACTOR}),
 * not those of whoever's command once scheduled it.
 */
class RequestMetadataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        if (message instanceof DeadlineMessage<?>) {
            data.put(EventMetadata.ACTOR_ID, EventMetadata.DEADLINES_ACTOR);
            data.put(EventMetadata.ACTOR_ROLE, EventMetadata.SYSTEM_ROLE);
            Object requestId = message.getMetaData().get(EventMetadata.REQUEST_ID);
            if (requestId != null) {
                data.put(EventMetadata.REQUEST_ID, requestId); // the request that started the clock
            }
            data.put(EventMetadata.CORRELATION_ID, message.getMetaData().getOrDefault(EventMetadata.CORRELATION_ID, message.getIdentifier()));
            data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
            return data;
        }
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

package org.mediationledger.events.wire;

/**
 * Who did it and in answer to which request: carried by every event (DOMAIN.md).
 *
 * @param correlationId the request that started the chain of messages
 * @param causationId   the message that directly caused this event
 */
public record EventMetadata(String actorId,
                            String actorRole,
                            String requestId,
                            String correlationId,
                            String causationId) {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String REQUEST_ID = "requestId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
}

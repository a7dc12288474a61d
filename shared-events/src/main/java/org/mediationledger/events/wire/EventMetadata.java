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

    /** The role of the system itself, for what no person asked for at that moment. */
    public static final String SYSTEM_ROLE = "SYSTEM";
    /** The actor of events recorded when a deadline passes (a lapse, an overdue instalment). */
    public static final String DEADLINES_ACTOR = "system:deadlines";
    /** The actor of the relief saga's steps (reservation, approval, payout, rejection). */
    public static final String RELIEF_SAGA_ACTOR = "system:relief-saga";
}

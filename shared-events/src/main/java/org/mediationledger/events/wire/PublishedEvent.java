package org.mediationledger.events.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One stored event as it travels on topic {@code mediation.events} (key = aggregate id).
 *
 * @param eventId       the event's unique id in the event store; the query side records it to apply each event once
 * @param aggregateType {@code DisputeCase}, {@code Lawyer}, ...
 * @param sequence      the event's sequence number within its aggregate, from 0 without gaps
 * @param globalIndex   the event's position in the whole store; views report the highest they reflect
 * @param type          the event's simple type name, resolved by {@link EventTypes}
 * @param revision      the payload's {@code @Revision}
 * @param occurredAt    when the event was stored (UTC)
 */
public record PublishedEvent(String eventId,
                             String aggregateType,
                             String aggregateId,
                             long sequence,
                             long globalIndex,
                             String type,
                             String revision,
                             Instant occurredAt,
                             EventMetadata metadata,
                             JsonNode payload) {

    public static final String TOPIC = "mediation.events";
}

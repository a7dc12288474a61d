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
        return envelope(event, globalIndex, read(event.payload()));
    }

    /**
     * The envelope without the payload's JSON tree (a NullNode in its place), for a driver that hands the
     * projections the payload read as its class ({@link #payload}) and would otherwise parse it twice.
     */
    public static PublishedEvent envelopeWithoutPayloadTree(ChainHash.StoredEvent event, long globalIndex) {
        return envelope(event, globalIndex, JSON.nullNode());
    }

    private static PublishedEvent envelope(ChainHash.StoredEvent event, long globalIndex, JsonNode payload) {
        JsonNode metadata = read(event.metaData());
        String type = typeName(event);
        String aggregateType = EventTypes.byName(type).map(EventTypes::aggregateTypeOf).orElse("unknown");
        return new PublishedEvent(event.eventIdentifier(), aggregateType, event.aggregateIdentifier(), event.sequenceNumber(),
                globalIndex, type, event.payloadRevision(), instant(event.timeStamp()),
                new EventMetadata(text(metadata, EventMetadata.ACTOR_ID), text(metadata, EventMetadata.ACTOR_ROLE),
                        text(metadata, EventMetadata.REQUEST_ID), text(metadata, EventMetadata.CORRELATION_ID),
                        text(metadata, EventMetadata.CAUSATION_ID)),
                payload);
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

    /**
     * The store's time stamp as an instant. The store writes ISO 8601 in UTC ({@code 2025-06-02T01:02:03.123456Z});
     * that form is read here directly, a hundredth of what {@link Instant#parse} costs, which a rebuild pays a
     * million times; any other form goes to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
                || (length > 20 && (text.charAt(19) != '.' || length == 21))) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Instant.parse(text);
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return Instant.parse(text);
            }
            nanos = fraction;
            for (int scale = length - 21; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException impossibleDay) {
            return Instant.parse(text); // which says what is wrong with it
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in text[from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }
}

package org.mediationledger.query.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.EventTypes;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.casefile.ProjectionRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * Takes one published event into the views, exactly once: in one database transaction it records
 * the event id (a redelivery stops here), checks the aggregate's sequence, applies the event and
 * advances the projection position. The Kafka offset is committed only after this transaction.
 */
@Component
public class EventIngestion {

    static final String DISPUTE_CASE = "DisputeCase";

    private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

    private final TransactionTemplate transactions;
    private final ProcessedEvents processedEvents;
    private final AggregateSequences sequences;
    private final ProjectionPosition position;
    private final ViewUpdates views;
    private final ViewsLock viewsLock;
    private final MeterRegistry meters;
    private final ObjectMapper eventJson = EventJson.newObjectMapper();

    public EventIngestion(TransactionTemplate transactions,
                          ProcessedEvents processedEvents,
                          AggregateSequences sequences,
                          ProjectionPosition position,
                          ViewUpdates views,
                          ViewsLock viewsLock,
                          MeterRegistry meters) {
        this.views = views;
        this.viewsLock = viewsLock;
        this.transactions = transactions;
        this.processedEvents = processedEvents;
        this.sequences = sequences;
        this.position = position;
        this.meters = meters;
    }

    /**
     * @param partitionKey the topic partition the event was read from (the position is kept per partition)
     * @throws org.springframework.dao.DataAccessException when the database fails; nothing was changed then
     */
    public IngestionOutcome ingest(String partitionKey, PublishedEvent event) {
        IngestionOutcome outcome = transactions.execute(status -> ingestInTransaction(partitionKey, event));
        meters.counter("ml.projection.events", "outcome", outcome.name()).increment();
        return outcome;
    }

    private IngestionOutcome ingestInTransaction(String partitionKey, PublishedEvent event) {
        viewsLock.holdShared(); // a switch to rebuilt views waits for this event, or this event for the switch
        if (!processedEvents.record(event.eventId(), event.globalIndex())) {
            log.debug("event {} was already processed; redelivery skipped", event.eventId());
            return IngestionOutcome.REDELIVERED;
        }
        AggregateProgress progress = sequences.lock(event.aggregateId(), event.aggregateType());
        switch (progress.verdictFor(event.sequence())) {
            case ALREADY_APPLIED -> {
                log.debug("{} {} sequence {} was already applied; event {} skipped",
                        event.aggregateType(), event.aggregateId(), event.sequence(), event.eventId());
                return IngestionOutcome.ALREADY_APPLIED;
            }
            case GAP -> {
                hold(event, progress, missing(progress.lastSequence() + 1));
                log.warn("{} {} stalled: expected sequence {}, received {} (event {}); its views stay as they are "
                                + "until the missing events arrive",
                        event.aggregateType(), event.aggregateId(), progress.lastSequence() + 1, event.sequence(), event.eventId());
                return IngestionOutcome.HELD_BEHIND_GAP;
            }
            case NEXT -> {
                // applied below
            }
        }
        if (event.occurredAt() == null) {
            // The event store stamps every event, so a missing occurredAt is a malformed message. It is
            // refused (its aggregate held, with the reason) rather than given an invented time: the
            // timeline and every as-of answer read it, and a held case says so while a made-up time
            // would be silently wrong. case_timeline.occurred_at is NOT NULL for the same reason.
            hold(event, progress, "event " + event.eventId() + " (" + event.type() + ") has no occurredAt");
            log.warn("{} {} stalled: event {} ({}, sequence {}) has no occurredAt",
                    event.aggregateType(), event.aggregateId(), event.eventId(), event.type(), event.sequence());
            return IngestionOutcome.REFUSED;
        }

        IngestionOutcome outcome;
        Optional<Class<?>> type = EventTypes.byName(event.type());
        if (type.isEmpty()) {
            // a newer writer's event: it still takes its place in the sequence, so later events are not held
            log.warn("event {} of unknown type {} ({} {} sequence {}) skipped",
                    event.eventId(), event.type(), event.aggregateType(), event.aggregateId(), event.sequence());
            views.applyUnknown(event);
            outcome = IngestionOutcome.UNKNOWN_TYPE_SKIPPED;
        } else {
            Object payload;
            String failure;
            try {
                payload = eventJson.treeToValue(event.payload(), type.get());
                failure = payload == null ? "no payload" : null;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // the message could quote the payload, which may hold personal data: name the failure only
                payload = null;
                failure = e.getClass().getSimpleName();
            }
            if (failure != null) {
                hold(event, progress, "payload of " + event.type() + " unreadable");
                log.error("{} {} stalled: payload of event {} ({}, sequence {}) could not be read ({})",
                        event.aggregateType(), event.aggregateId(), event.eventId(), event.type(), event.sequence(), failure);
                return IngestionOutcome.REFUSED;
            }
            try {
                views.apply(payload, event);
            } catch (ProjectionRefused e) {
                hold(event, progress, e.getMessage());
                log.error("{} {} stalled at event {} (sequence {}): {}", event.aggregateType(), event.aggregateId(),
                        event.eventId(), event.sequence(), e.getMessage());
                return IngestionOutcome.REFUSED;
            }
            outcome = IngestionOutcome.APPLIED;
        }
        AggregateProgress after = progress.applied(event.sequence());
        sequences.store(event.aggregateId(), after, after.stalled() ? missing(after.stalledExpected()) : null);
        if (progress.stalled() && !after.stalled()) {
            log.info("{} {} caught up at sequence {}; no longer stalled",
                    event.aggregateType(), event.aggregateId(), event.sequence());
        }
        position.advance(partitionKey, event.globalIndex());
        return outcome;
    }

    /**
     * Holds the event's aggregate after {@link #ingest} failed for a reason of the event itself
     * ({@link IngestFailure#PERMANENT}): the failed transaction kept nothing, so in a new one the
     * aggregate is stalled at this event, exactly as behind a gap, with {@code reason}; the event is
     * not applied and not recorded as processed (a replay of a corrected history applies it).
     *
     * @throws org.springframework.dao.DataAccessException when the database fails; nothing was changed then
     */
    public IngestionOutcome refuse(PublishedEvent event, String reason) {
        IngestionOutcome outcome = transactions.execute(status -> {
            viewsLock.holdShared();
            AggregateProgress progress = sequences.lock(event.aggregateId(), event.aggregateType());
            if (progress.verdictFor(event.sequence()) == AggregateProgress.Verdict.ALREADY_APPLIED) {
                return IngestionOutcome.ALREADY_APPLIED;
            }
            hold(event, progress, reason);
            return IngestionOutcome.REFUSED;
        });
        meters.counter("ml.projection.events", "outcome", outcome.name()).increment();
        return outcome;
    }

    private void hold(PublishedEvent event, AggregateProgress progress, String reason) {
        // not applied, so not processed: a later delivery of this very event (a replay) must be applied
        processedEvents.forget(event.eventId());
        // an aggregate already held keeps the reason it was first held for
        sequences.store(event.aggregateId(), progress.heldAt(event.sequence()), progress.stalled() ? null : reason);
    }

    private static String missing(long sequence) {
        return "sequence " + sequence + " missing";
    }
}

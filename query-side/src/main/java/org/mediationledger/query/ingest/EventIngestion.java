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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Takes published events into the views, exactly once, a polled batch at a time (one partition's, or a
 * few partitions' small ones together): in one database transaction it skips the events whose ids were recorded before (a redelivery), locks
 * the batch's aggregates and checks each event's sequence against its aggregate's, applies the events
 * in order, then records the applied events' ids, every touched aggregate's sequence and each
 * partition's position, each in one statement. The Kafka offsets are committed only after this
 * transaction. One event goes the same way, as a batch of one.
 * <p>
 * An event the views refuse (a gap before it, a payload that cannot be read, a case not in the view)
 * holds its aggregate inside the batch, and the batch goes on. A failure the batch cannot handle
 * (the database's, or an exception of the event's own) rolls all of it back: the consumer then reads
 * the batch again, or takes it one event at a time to find the one that fails ({@link EventStreamConsumer}).
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
        return ingest(partitionKey, List.of(event)).get(0);
    }

    /**
     * Takes {@code events}, read in this order from one partition, into the views in one transaction.
     *
     * @return what became of each event, in the same order
     * @throws RuntimeException when the database fails, or applying an event failed in a way the views
     *                          cannot hold its aggregate for inside the batch; nothing was changed then
     */
    public List<IngestionOutcome> ingest(String partitionKey, List<PublishedEvent> events) {
        return ingest(List.of(new PartitionEvents(partitionKey, events)));
    }

    /**
     * Takes the batches of several partitions into the views in one transaction: a few events each, as
     * under a steady load, cost one transaction instead of one per partition. Each partition's events
     * keep their order (a case's events are all in one partition) and each partition's position moves on.
     *
     * @return what became of each event, the first partition's in order, then the next one's
     * @throws RuntimeException as {@link #ingest(String, List)}; nothing was changed then
     */
    public List<IngestionOutcome> ingest(List<PartitionEvents> partitions) {
        List<PublishedEvent> events = partitions.stream().flatMap(partition -> partition.events().stream()).toList();
        if (events.isEmpty()) {
            return List.of();
        }
        List<IngestionOutcome> outcomes = transactions.execute(status -> ingestInTransaction(partitions, events));
        // counted once the transaction has committed: a batch rolled back and taken again is counted once
        outcomes.forEach(outcome -> meters.counter("ml.projection.events", "outcome", outcome.name()).increment());
        return outcomes;
    }

    /** One partition's events, in the order read from it. */
    public record PartitionEvents(String partitionKey, List<PublishedEvent> events) {
    }

    private List<IngestionOutcome> ingestInTransaction(List<PartitionEvents> partitions, List<PublishedEvent> events) {
        viewsLock.holdShared(); // a switch to rebuilt views waits for this batch, or this batch for the switch
        // The rollups go to the first partition's shard: its batch is in this transaction, so no other run
        // writes that shard meanwhile (ReportRollups.Run).
        Batch batch = new Batch(views.newFold(partitions.get(0).partitionKey()),
                processedEvents.alreadyRecorded(events.stream().map(PublishedEvent::eventId).toList()),
                sequences.lock(events.stream().collect(Collectors.toMap(PublishedEvent::aggregateId,
                        PublishedEvent::aggregateType, (first, second) -> first, TreeMap::new))));
        batch.fold.prefetch(events);
        List<IngestionOutcome> outcomes = new ArrayList<>(events.size());
        Map<String, Long> highestApplied = new LinkedHashMap<>();
        for (PartitionEvents partition : partitions) {
            batch.highestApplied = null;
            for (PublishedEvent event : partition.events()) {
                outcomes.add(ingestOne(batch, event));
            }
            if (batch.highestApplied != null) {
                highestApplied.merge(partition.partitionKey(), batch.highestApplied, Math::max);
            }
        }
        batch.fold.flush();
        processedEvents.record(batch.recorded);
        sequences.store(batch.touched());
        highestApplied.forEach(position::advance);
        return outcomes;
    }

    private IngestionOutcome ingestOne(Batch batch, PublishedEvent event) {
        if (batch.alreadyRecorded.contains(event.eventId()) || batch.recorded.containsKey(event.eventId())) {
            log.debug("event {} was already processed; redelivery skipped", event.eventId());
            return IngestionOutcome.REDELIVERED;
        }
        AggregateState aggregate = batch.aggregates.get(event.aggregateId());
        AggregateProgress progress = aggregate.progress;
        switch (progress.verdictFor(event.sequence())) {
            case ALREADY_APPLIED -> {
                log.debug("{} {} sequence {} was already applied; event {} skipped",
                        event.aggregateType(), event.aggregateId(), event.sequence(), event.eventId());
                batch.recorded.put(event.eventId(), event.globalIndex());
                return IngestionOutcome.ALREADY_APPLIED;
            }
            case GAP -> {
                aggregate.hold(event.sequence(), missing(progress.lastSequence() + 1));
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
            aggregate.hold(event.sequence(), "event " + event.eventId() + " (" + event.type() + ") has no occurredAt");
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
            batch.fold.applyUnknown(event);
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
                aggregate.hold(event.sequence(), "payload of " + event.type() + " unreadable");
                log.error("{} {} stalled: payload of event {} ({}, sequence {}) could not be read ({})",
                        event.aggregateType(), event.aggregateId(), event.eventId(), event.type(), event.sequence(), failure);
                return IngestionOutcome.REFUSED;
            }
            try {
                batch.fold.apply(payload, event);
            } catch (ProjectionRefused e) {
                aggregate.hold(event.sequence(), e.getMessage());
                log.error("{} {} stalled at event {} (sequence {}): {}", event.aggregateType(), event.aggregateId(),
                        event.eventId(), event.sequence(), e.getMessage());
                return IngestionOutcome.REFUSED;
            }
            outcome = IngestionOutcome.APPLIED;
        }
        boolean wasStalled = progress.stalled();
        aggregate.applied(event.sequence());
        if (wasStalled && !aggregate.progress.stalled()) {
            log.info("{} {} caught up at sequence {}; no longer stalled",
                    event.aggregateType(), event.aggregateId(), event.sequence());
        }
        batch.recorded.put(event.eventId(), event.globalIndex());
        batch.highestApplied = batch.highestApplied == null ? event.globalIndex() : Math.max(batch.highestApplied, event.globalIndex());
        return outcome;
    }

    /** What one batch has done so far, written when all of its events have been through. */
    private static final class Batch {
        /** ids recorded as processed before this batch */
        final Set<String> alreadyRecorded;
        /** ids this batch records as processed, with their global index, in the order taken */
        final Map<String, Long> recorded = new LinkedHashMap<>();
        final Map<String, AggregateState> aggregates = new HashMap<>();
        /** the projections' run over this batch; flushed before the bookkeeping is written */
        final ViewUpdates.Fold fold;
        /** the highest global index the partition being taken has applied (or skipped as of an unknown type), null when none */
        Long highestApplied;

        Batch(ViewUpdates.Fold fold, Set<String> alreadyRecorded, Map<String, AggregateSequences.Stored> locked) {
            this.fold = fold;
            this.alreadyRecorded = alreadyRecorded;
            locked.forEach((aggregateId, stored) -> aggregates.put(aggregateId, new AggregateState(aggregateId, stored)));
        }

        List<AggregateSequences.Stored> touched() {
            return aggregates.values().stream().filter(state -> state.touched).map(AggregateState::stored).toList();
        }
    }

    /** One aggregate's progress as the batch moves it, with the stall reason its row will hold. */
    private static final class AggregateState {
        final String aggregateId;
        AggregateProgress progress;
        String reason;
        /** the stall began in this batch: its time is now, not the one stored */
        boolean stalledAnew;
        boolean touched;

        AggregateState(String aggregateId, AggregateSequences.Stored stored) {
            this.aggregateId = aggregateId;
            this.progress = stored.progress();
            this.reason = stored.stallReason();
        }

        /**
         * Holds the aggregate at {@code sequence} (not applied, so not recorded as processed: a later
         * delivery of the same event, a replay, must be applied). An aggregate already held keeps the
         * reason it was first held for.
         */
        void hold(long sequence, String why) {
            if (!progress.stalled()) {
                reason = why;
                stalledAnew = true;
            }
            progress = progress.heldAt(sequence);
            touched = true;
        }

        void applied(long sequence) {
            progress = progress.applied(sequence);
            if (progress.stalled()) {
                reason = missing(progress.stalledExpected());
            } else {
                reason = null;
                stalledAnew = false;
            }
            touched = true;
        }

        AggregateSequences.Stored stored() {
            return new AggregateSequences.Stored(aggregateId, progress, reason, stalledAnew);
        }
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
            AggregateSequences.Stored stored = sequences.lock(Map.of(event.aggregateId(), event.aggregateType()))
                    .get(event.aggregateId());
            if (stored.progress().verdictFor(event.sequence()) == AggregateProgress.Verdict.ALREADY_APPLIED) {
                return IngestionOutcome.ALREADY_APPLIED;
            }
            AggregateState aggregate = new AggregateState(event.aggregateId(), stored);
            aggregate.hold(event.sequence(), reason);
            sequences.store(List.of(aggregate.stored()));
            return IngestionOutcome.REFUSED;
        });
        meters.counter("ml.projection.events", "outcome", outcome.name()).increment();
        return outcome;
    }

    private static String missing(long sequence) {
        return "sequence " + sequence + " missing";
    }
}

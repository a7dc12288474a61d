package org.mediationledger.command.config;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.stream.Stream;

/**
 * The JDBC storage engine that {@link StoredEventStreams} reads through: a read of the stored events is one
 * batch, one query. Axon's engine goes on fetching until a batch comes back empty, so every read of a
 * stream that has caught up ends with a query that finds nothing, followed by the engine's gap check (a
 * second query): under load, two empty queries per event for the relay and two for the relief saga,
 * more than all the other statements together. The stream opens the next read itself, at once when a
 * read came back full, else when this node commits events or the idle poll is due.
 * <p>
 * It reads only: the command side's event store appends through Axon's own engine.
 */
final class OneBatchReads extends JdbcEventStorageEngine {

    OneBatchReads(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return fetchTrackedEvents(trackingToken, batchSize()).stream();
    }
}

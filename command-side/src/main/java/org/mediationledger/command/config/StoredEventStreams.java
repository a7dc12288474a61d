package org.mediationledger.command.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the relay and the relief saga read (their {@code source} in application.yml): the stored events,
 * each processor on a stream of its own straight from the storage engine, one batch of the engine's size
 * in memory at a time (decision 0025). Axon's embedded event store shares a read-ahead list between its
 * processors instead, and under a backlog of a million events a processor that fell behind held a
 * quarter of a million of them in memory and the command side ran out of heap.
 * <p>
 * A stream with nothing to read waits until a command of this node commits events (it is woken then)
 * or, for events another node stored, at most {@code idlePoll}.
 */
public class StoredEventStreams implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final long idlePollMillis;
    private final Object commits = new Object();
    private long committed;

    public StoredEventStreams(EventStorageEngine storage, EventBus eventBus, Duration idlePoll) {
        this.storage = storage;
        this.idlePollMillis = Math.max(1, idlePoll.toMillis());
        eventBus.subscribe(this::published);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new StoredEventStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    /** Wakes the waiting streams once the events of this unit of work are committed. */
    private void published(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> committedNow());
        } else {
            committedNow();
        }
    }

    private void committedNow() {
        synchronized (commits) {
            committed++;
            commits.notifyAll();
        }
    }

    private long commitsSoFar() {
        synchronized (commits) {
            return committed;
        }
    }

    private void awaitCommitAfter(long seen, long maxMillis) throws InterruptedException {
        synchronized (commits) {
            if (committed == seen) {
                commits.wait(maxMillis);
            }
        }
    }

    private final class StoredEventStream implements TrackingEventStream {

        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> events;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;

        private StoredEventStream(TrackingToken startAfter) {
            this.lastToken = startAfter;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(peeked != null || fetch() ? peeked : null);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen = commitsSoFar(); // before reading, so that a commit meanwhile is not slept through
                if (peeked != null || fetch()) {
                    return true;
                }
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0) {
                    return false;
                }
                awaitCommitAfter(seen, Math.min(leftMillis, idlePollMillis));
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.MINUTES)) {
                // keep waiting: the processor asked for the next event, however long it takes
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            lastToken = next.trackingToken();
            return next;
        }

        /**
         * Reads the next stored event after the last one handed out, if there is one yet. The storage engine's
         * stream may end once it found nothing; it is then opened again from the last token next time.
         */
        private boolean fetch() {
            if (iterator == null) {
                events = storage.readEvents(lastToken, false);
                iterator = events.iterator();
            }
            if (iterator.hasNext()) {
                peeked = iterator.next();
                return true;
            }
            closeEvents();
            return false;
        }

        private void closeEvents() {
            if (events != null) {
                events.close();
            }
            events = null;
            iterator = null;
        }

        @Override
        public void close() {
            closeEvents();
        }
    }
}

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
 * or, for events another node stored, at most {@code idlePoll}. Once it has read up to what was stored,
 * it does not ask the store again before one of those happens: the processor asks for more many times
 * per batch, and each question used to be a query (two, with the storage engine's gap check), several
 * times as many as the events themselves. A read that comes back with fewer than {@code readBatch} events
 * has read up to what was stored ({@link OneBatchReads}); a full one is followed by the next read at once.
 */
public class StoredEventStreams implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final long idlePollMillis;
    private final long idlePollNanos;
    private final int readBatch;
    private final Object commits = new Object();
    private long committed;

    /**
     * @param readBatch the most events one read of {@code storage} returns ({@link OneBatchReads#batchSize()});
     *                  a read that returns fewer has reached what was stored when it began
     */
    public StoredEventStreams(EventStorageEngine storage, int readBatch, EventBus eventBus, Duration idlePoll) {
        this.storage = storage;
        this.readBatch = readBatch;
        this.idlePollMillis = Math.max(1, idlePoll.toMillis());
        this.idlePollNanos = TimeUnit.MILLISECONDS.toNanos(idlePollMillis);
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
        /** This node's commits counted just before the storage engine's stream now open was opened, and its events read so far. */
        private long commitsAtOpen;
        private int readFromOpen;
        /** When the last stream ran out: this node's commits counted before it was opened (-1: never), and the time. */
        private long commitsWhenCaughtUp = -1;
        private long caughtUpAtNanos;

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
                long now = System.nanoTime();
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - now);
                if (leftMillis <= 0) {
                    return false;
                }
                long untilIdlePoll = Math.max(1, TimeUnit.NANOSECONDS.toMillis(caughtUpAtNanos + idlePollNanos - now));
                awaitCommitAfter(seen, Math.min(leftMillis, untilIdlePoll));
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
         * stream ends once it has read up to what was stored; it is opened again from the last token, but only
         * after this node committed events since it was opened or the idle poll is due (events of other nodes).
         * A commit counted before the stream was opened was visible to its queries, so nothing is missed; one
         * counted later makes the next question open a new stream.
         */
        private boolean fetch() {
            if (iterator == null) {
                long commits = commitsSoFar();
                if (commits == commitsWhenCaughtUp && System.nanoTime() - caughtUpAtNanos < idlePollNanos) {
                    return false;
                }
                commitsAtOpen = commits;
                readFromOpen = 0;
                commitsWhenCaughtUp = -1;
                events = storage.readEvents(lastToken, false);
                iterator = events.iterator();
            }
            if (iterator.hasNext()) {
                peeked = iterator.next();
                readFromOpen++;
                return true;
            }
            closeEvents();
            if (readFromOpen < readBatch) {
                commitsWhenCaughtUp = commitsAtOpen;
                caughtUpAtNanos = System.nanoTime();
                return false;
            }
            return fetch(); // a full batch: more may be stored already
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

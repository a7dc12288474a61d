package org.mediationledger.command.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's and the relief saga's stream (decision 0025): every stored event once, in order, across the
 * storage engine's batches; a stream that found nothing goes on with what is stored later.
 */
class StoredEventStreamsTest {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final StoredEventStreams streams = new StoredEventStreams(storage, Integer.MAX_VALUE, SimpleEventBus.builder().build(), Duration.ofMillis(10));

    @Test
    void readsEveryStoredEventInOrder_thenWhatIsStoredAfterItFoundNothing() throws InterruptedException {
        store(0, 250);
        List<Long> read = new ArrayList<>();
        try (TrackingEventStream stream = (TrackingEventStream) streams.openStream(null)) {
            while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                read.add(sequenceOf(stream.nextAvailable()));
            }
            assertThat(read).hasSize(250).isSorted().doesNotHaveDuplicates();
            assertThat(stream.peek()).isEmpty();

            store(250, 3);
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                read.add(sequenceOf(stream.nextAvailable()));
            }
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        }
        assertThat(read).hasSize(253).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aStreamOpenedAtAToken_startsAfterIt() throws InterruptedException {
        store(0, 10);
        TrackedEventMessage<?> fifth;
        try (TrackingEventStream stream = (TrackingEventStream) streams.openStream(null)) {
            for (int i = 0; i < 4; i++) {
                stream.nextAvailable();
            }
            fifth = stream.nextAvailable();
        }
        try (TrackingEventStream stream = (TrackingEventStream) streams.openStream(fifth.trackingToken())) {
            assertThat(sequenceOf(stream.nextAvailable())).isEqualTo(5);
        }
    }

    /** With nothing to read, a stream is woken by this node's commit of events, not by its idle poll (here ten minutes). */
    @Test
    void aWaitingStream_isWokenByAUnitOfWorkThatCommitsEvents() throws Exception {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        StoredEventStreams waking = new StoredEventStreams(storage, Integer.MAX_VALUE, bus, Duration.ofMinutes(10));
        try (TrackingEventStream stream = (TrackingEventStream) waking.openStream(null)) {
            java.util.concurrent.CompletableFuture<Boolean> available = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.hasNextAvailable(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200); // let it find nothing and wait
            org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null).execute(() -> {
                store(0, 1);
                bus.publish(org.axonframework.eventhandling.GenericEventMessage.asEventMessage("stored"));
            });
            assertThat(available.get(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    /**
     * A stream that has read up to what is stored does not ask the store again, however often the processor asks
     * it, until this node commits events or the idle poll (here ten minutes) is due: each question used to be a query.
     */
    @Test
    void aCaughtUpStream_queriesTheStoreAgainOnlyAfterACommit() throws Exception {
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        InMemoryEventStorageEngine counting = new InMemoryEventStorageEngine() {
            @Override
            public java.util.stream.Stream<? extends TrackedEventMessage<?>> readEvents(
                    org.axonframework.eventhandling.TrackingToken trackingToken, boolean mayBlock) {
                opened.incrementAndGet();
                return super.readEvents(trackingToken, mayBlock);
            }
        };
        SimpleEventBus bus = SimpleEventBus.builder().build();
        StoredEventStreams waking = new StoredEventStreams(counting, Integer.MAX_VALUE, bus, Duration.ofMinutes(10));
        counting.appendEvents(new GenericDomainEventMessage<>("DisputeCase", "case-1", 0, "event 0"));
        try (TrackingEventStream stream = (TrackingEventStream) waking.openStream(null)) {
            assertThat(sequenceOf(stream.nextAvailable())).isZero();
            for (int i = 0; i < 100; i++) {
                assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
                assertThat(stream.peek()).isEmpty();
            }
            assertThat(opened.get()).isEqualTo(1);

            org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null).execute(() -> {
                counting.appendEvents(new GenericDomainEventMessage<>("DisputeCase", "case-1", 1, "event 1"));
                bus.publish(org.axonframework.eventhandling.GenericEventMessage.asEventMessage("stored"));
            });
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(sequenceOf(stream.nextAvailable())).isEqualTo(1);
            assertThat(opened.get()).isEqualTo(2);
        }
    }

    /** A read that came back full is followed by the next at once, without waiting for a commit or the idle poll. */
    @Test
    void aFullRead_isFollowedByTheNextReadAtOnce() throws Exception {
        InMemoryEventStorageEngine threeAtATime = new InMemoryEventStorageEngine() {
            @Override
            public java.util.stream.Stream<? extends TrackedEventMessage<?>> readEvents(
                    org.axonframework.eventhandling.TrackingToken trackingToken, boolean mayBlock) {
                return super.readEvents(trackingToken, mayBlock).limit(3);
            }
        };
        for (int i = 0; i < 7; i++) {
            threeAtATime.appendEvents(new GenericDomainEventMessage<>("DisputeCase", "case-1", i, "event " + i));
        }
        StoredEventStreams batched = new StoredEventStreams(threeAtATime, 3, SimpleEventBus.builder().build(), Duration.ofMinutes(10));
        List<Long> read = new ArrayList<>();
        try (TrackingEventStream stream = (TrackingEventStream) batched.openStream(null)) {
            while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                read.add(sequenceOf(stream.nextAvailable()));
            }
        }
        assertThat(read).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    private void store(int from, int count) {
        List<GenericDomainEventMessage<String>> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(new GenericDomainEventMessage<>("DisputeCase", "case-1", i, "event " + i));
        }
        storage.appendEvents(events);
    }

    private static long sequenceOf(TrackedEventMessage<?> message) {
        return ((DomainEventMessage<?>) message).getSequenceNumber();
    }
}

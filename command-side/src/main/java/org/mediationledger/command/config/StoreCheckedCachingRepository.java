package org.mediationledger.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Axon's caching repository, except that a cached aggregate is used only when the event store agrees
 * with it: its version must be the store's last sequence number for that aggregate, read in the
 * command's own transaction (one index lookup, instead of reading the snapshot and replaying).
 * <p>
 * Two ways the cache can hold what the store does not, both caught by that check (decision 0023):
 * a transaction around Axon's unit of work (the {@code Idempotency-Key} path) that rolls back after
 * Axon committed its part, leaving events in the cached aggregate that were never stored; and another
 * command-side node that appended to the same case. A stale entry is dropped and the aggregate is
 * loaded from the store. A node that appends between the check and the commit is stopped by the
 * store's unique (aggregate, sequence) key, and Axon drops the entry when that unit of work rolls back.
 */
public class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;
    private final LongAdder staleEntries = new LongAdder();

    private StoreCheckedCachingRepository(Builder<T> builder) {
        super(builder);
        this.eventStore = builder.eventStore();
        this.cache = builder.cache();
    }

    public static <T> Builder<T> builder(Class<T> aggregateType) {
        return new Builder<>(aggregateType);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!cached) {
            return aggregate; // read from the store just now
        }
        Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
        if (Objects.equals(aggregate.version(), stored)) {
            return aggregate;
        }
        staleEntries.increment();
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    /** How many cached aggregates the store contradicted since start (a metric; each one was reloaded). */
    public long staleEntries() {
        return staleEntries.sum();
    }

    public static final class Builder<T> extends EventSourcingRepository.Builder<T> {

        private Builder(Class<T> aggregateType) {
            super(aggregateType);
        }

        EventStore eventStore() {
            return eventStore;
        }

        Cache cache() {
            return cache;
        }

        @Override
        protected void validate() {
            super.validate();
            Objects.requireNonNull(cache, "a store-checked caching repository needs a cache");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends EventSourcingRepository<T>> R build() {
            return (R) new StoreCheckedCachingRepository<>(this);
        }
    }
}

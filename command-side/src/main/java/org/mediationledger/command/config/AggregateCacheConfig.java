package org.mediationledger.command.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.mediationledger.command.disputecase.DisputeCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A command finds its case in memory instead of reading the snapshot and replaying what followed it
 * (decision 0023): a bounded Caffeine cache under Axon's caching repository, each hit checked against
 * the store. Snapshots are written by a thread of their own, after the command has answered.
 */
@Configuration
public class AggregateCacheConfig {

    private static final Logger log = LoggerFactory.getLogger(AggregateCacheConfig.class);

    @Bean
    @Qualifier("disputeCaseCache")
    public CaffeineAggregateCache disputeCaseCache(@Value("${ml.aggregate-cache.dispute-cases}") long maximumCases,
                                                   @Value("${ml.aggregate-cache.idle-time}") Duration idleTime,
                                                   MeterRegistry meters) {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(maximumCases, idleTime);
        CaffeineCacheMetrics.monitor(meters, cache.caffeine(), "dispute-case-aggregates");
        return cache;
    }

    /** Named in {@code @Aggregate(repository = ...)} on {@link DisputeCase}. */
    @Bean
    public Repository<DisputeCase> disputeCaseRepository(EventStore eventStore,
                                                         @Qualifier("disputeCaseCache") CaffeineAggregateCache cache,
                                                         @Qualifier("disputeCaseSnapshotTrigger") SnapshotTriggerDefinition snapshotTrigger,
                                                         ParameterResolverFactory parameterResolverFactory,
                                                         HandlerDefinition handlerDefinition,
                                                         MeterRegistry meters) {
        StoreCheckedCachingRepository<DisputeCase> repository = StoreCheckedCachingRepository.builder(DisputeCase.class)
                .eventStore(eventStore)
                .cache(cache)
                .snapshotTriggerDefinition(snapshotTrigger)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .build();
        FunctionCounter.builder("ml.aggregate.cache.stale", repository, StoreCheckedCachingRepository::staleEntries)
                .description("cached cases the event store contradicted (reloaded)")
                .tag("aggregate", "DisputeCase")
                .register(meters);
        return repository;
    }

    /**
     * One thread, a bounded queue: a snapshot only saves loading time later, so when the queue is full
     * one is skipped (the next trigger takes it) rather than the command waiting or memory growing.
     */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("snapshotExecutor")
    public ExecutorService snapshotExecutor(@Value("${ml.snapshots.queue}") int queue) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "snapshotter");
                    thread.setDaemon(true);
                    return thread;
                },
                (runnable, executor) -> log.debug("snapshot queue full; this snapshot is left to the next trigger"));
    }

    /** Axon's own snapshotter, as its auto-configuration builds it, but off the command's thread. */
    @Bean
    public SpringAggregateSnapshotter asynchronousSnapshotter(org.axonframework.config.Configuration axonConfiguration,
                                                              HandlerDefinition handlerDefinition,
                                                              ParameterResolverFactory parameterResolverFactory,
                                                              EventStore eventStore,
                                                              TransactionManager axonTransactionManager,
                                                              SnapshotterSpanFactory spanFactory,
                                                              @Qualifier("snapshotExecutor") ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axonConfiguration::repository)
                .transactionManager(axonTransactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }
}

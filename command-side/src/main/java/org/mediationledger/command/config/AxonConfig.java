package org.mediationledger.command.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.mediationledger.command.caseload.ActiveCaseloadProjection;
import org.mediationledger.events.wire.EventJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Axon on PostgreSQL: the JDBC event store and token store come from Axon's Spring Boot
 * auto-configuration (tables in Flyway's V1); here are the serializers, snapshots, metadata and the
 * transaction guard.
 */
@Configuration
public class AxonConfig {

    /** Events on disk are the published language: the same JSON the relay puts on Kafka. */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
    }

    /** Messages, tokens and snapshots: aggregates are serialized by their fields, which have no getters. */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = EventJson.newObjectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return serializer();
    }

    @Bean
    public SnapshotTriggerDefinition disputeCaseSnapshotTrigger(Snapshotter snapshotter,
                                                                @Value("${ml.snapshots.dispute-case-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * The source of the relay's and the relief saga's processors (application.yml): bounded memory under any
     * backlog, one query per read (OneBatchReads), read through the same tables, serializers and upcasters
     * as Axon's own engine (its auto-configuration builds that one the same way).
     */
    @Bean
    public StoredEventStreams storedEventStreams(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axon, ConnectionProvider connections,
                                                 TransactionManager transactions, EventSchema schema, EventStore eventStore,
                                                 @Value("${ml.event-streams.read-batch}") int readBatch,
                                                 @Value("${ml.event-streams.idle-poll}") Duration idlePoll) {
        OneBatchReads reads = new OneBatchReads(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .eventSerializer(eventSerializer)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .batchSize(readBatch));
        return new StoredEventStreams(reads, reads.batchSize(), eventStore, idlePoll);
    }

    /** Every event records who did it and in answer to which request (DOMAIN.md). */
    @Bean
    public CorrelationDataProvider requestMetadataProvider() {
        return new RequestMetadataProvider();
    }

    @Bean
    public Clock businessClock(@Value("${ml.business-zone}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    /**
     * Without a Spring transaction manager Axon silently runs without transactions; refuse to start
     * rather than store events and caseload figures in separate commits.
     */
    @Bean
    public TransactionGuard transactionGuard(TransactionManager axonTransactionManager) {
        if (!(axonTransactionManager instanceof SpringTransactionManager)) {
            throw new IllegalStateException("Axon must run in Spring-managed transactions, found "
                    + axonTransactionManager.getClass().getName());
        }
        return new TransactionGuard(axonTransactionManager);
    }

    public record TransactionGuard(TransactionManager transactionManager) {
    }

    /** A failing caseload update must fail the command, not be logged and forgotten. */
    @Autowired
    public void propagateCaseloadErrors(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(ActiveCaseloadProjection.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
    }

}

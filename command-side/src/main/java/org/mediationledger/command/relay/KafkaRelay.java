package org.mediationledger.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.EventMetadata;
import org.mediationledger.events.wire.EventTypes;
import org.mediationledger.events.wire.PublishedEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The event store is the outbox: this tracking processor reads every stored event in order and
 * publishes it to Kafka, keyed by aggregate id so one case stays in one partition. Sends are
 * asynchronous; before the batch commits (and with it the processor's token), every send of the batch
 * must have been acknowledged. A failure rolls the batch back and it is published again: at least once,
 * in order per case (ARCHITECTURE.md, guarantee 4).
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pendingSends";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final long ackTimeoutMillis;
    private final Serializer eventSerializer;
    private final ObjectMapper json = EventJson.newObjectMapper();

    public KafkaRelay(Producer<String, byte[]> producer, KafkaRelayConfig.EventTopic topic,
                      @Qualifier("eventSerializer") Serializer eventSerializer,
                      @Value("${ml.kafka.ack-timeout-ms:30000}") long ackTimeoutMillis) {
        this.producer = producer;
        this.eventSerializer = eventSerializer;
        this.topic = topic.name();
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    /**
     * Asks for the message, not its payload, so that Axon never deserializes the event: the payload goes
     * out as the bytes stored (the event serializer writes the published language), wrapped in the
     * envelope without being parsed ({@link RawValue}).
     */
    @EventHandler
    void publish(DomainEventMessage<?> message, TrackingToken token) throws JsonProcessingException {
        Class<?> payloadType = message.getPayloadType();
        byte[] storedPayload = message.serializePayload(eventSerializer, byte[].class).getData();
        PublishedEvent published = new PublishedEvent(
                message.getIdentifier(),
                EventTypes.aggregateTypeOf(payloadType),
                message.getAggregateIdentifier(),
                message.getSequenceNumber(),
                token.position().orElse(-1),
                payloadType.getSimpleName(),
                revisionOf(payloadType),
                message.getTimestamp(),
                new EventMetadata(
                        metadata(message, EventMetadata.ACTOR_ID),
                        metadata(message, EventMetadata.ACTOR_ROLE),
                        metadata(message, EventMetadata.REQUEST_ID),
                        metadata(message, EventMetadata.CORRELATION_ID),
                        metadata(message, EventMetadata.CAUSATION_ID)),
                new POJONode(new RawValue(new String(storedPayload, StandardCharsets.UTF_8))));
        pendingSendsOfThisBatch().add(producer.send(
                new ProducerRecord<>(topic, published.aggregateId(), json.writeValueAsBytes(published))));
    }

    private List<Future<RecordMetadata>> pendingSendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> pending) {
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
        try {
            for (Future<RecordMetadata> send : pending) {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailure("interrupted while waiting for Kafka to acknowledge a batch", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailure("Kafka did not acknowledge a batch; it will be published again", e);
        }
    }

    private static String metadata(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private static String revisionOf(Class<?> type) {
        org.axonframework.serialization.Revision revision = type.getAnnotation(org.axonframework.serialization.Revision.class);
        return revision == null ? null : revision.value();
    }

    static class RelayFailure extends RuntimeException {
        RelayFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

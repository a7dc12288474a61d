package org.mediationledger.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mediationledger.events.wire.PublishedEvent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Sends events to the topic as the command side's relay does: key = aggregate id, value = the
 * envelope's JSON, acknowledged by the broker before {@link #publish} returns.
 */
public final class EventPublisher implements AutoCloseable {

    /** More than one partition, so that ordering per case (by key) is what the test relies on. */
    private static final int PARTITIONS = 3;

    private final String topic;
    private final KafkaProducer<String, String> producer;

    public EventPublisher(String topic) {
        this.topic = topic;
        String bootstrap = EmbeddedServers.kafka().bootstrapServers();
        createTopic(bootstrap, topic);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    public void publish(PublishedEvent... events) {
        publish(List.of(events));
    }

    public void publish(List<PublishedEvent> events) {
        try {
            for (PublishedEvent event : events) {
                producer.send(new ProducerRecord<>(topic, event.aggregateId(), Envelopes.JSON.writeValueAsString(event))).get();
            }
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("could not publish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw message, e.g. one that is not an event at all. */
    public void publishRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private static void createTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

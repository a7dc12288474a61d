package org.mediationledger.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String CASE_NUMBER = "(2025)鲁0203民初77号";

    @TempDir
    Path dir;

    @Test
    void producesAndConsumesUtf8() {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + kafka.port());
            send(kafka, "utf8", "case-1", "{\"caseNumber\":\"" + CASE_NUMBER + "\"}");
            List<String> values = readAll(kafka, "utf8", 1);
            assertThat(values).containsExactly("{\"caseNumber\":\"" + CASE_NUMBER + "\"}");
        }
    }

    @Test
    void keepsTopicAndMessagesAcrossRestart() {
        Path log = dir.resolve("kafka");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(log, 0)) {
            send(kafka, "kept", "case-1", "first " + CASE_NUMBER);
        }
        assertThat(log.resolve("meta.properties")).exists();
        // restart on the same log directory (new ports): no reformat, message still there
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(log, 0)) {
            send(kafka, "kept", "case-1", "second");
            assertThat(readAll(kafka, "kept", 2)).containsExactly("first " + CASE_NUMBER, "second");
        }
    }

    private static void send(EmbeddedKafkaBroker kafka, String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }
    }

    /** Reads from the beginning until {@code expected} records arrived or 30 s passed. */
    private static List<String> readAll(EmbeddedKafkaBroker kafka, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}

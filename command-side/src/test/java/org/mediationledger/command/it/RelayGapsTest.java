package org.mediationledger.command.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.PublishedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The global index has gaps: a rolled-back insert burns a value, and a slow transaction commits an
 * earlier index after later ones are visible. The relay must still publish every committed event,
 * exactly the committed ones (ARCHITECTURE.md, "Known traps").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // close while Kafka and PostgreSQL still run
class RelayGapsTest {

    static String topic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topic = TestInfrastructure.register(registry);
    }

    @Autowired
    DataSource dataSource;

    @Test
    void slowAndRolledBackWriters_neitherLoseNorInventEvents() throws Exception {
        String slow = "slow-" + UUID.randomUUID();
        String rolledBack = "rolled-back-" + UUID.randomUUID();
        List<String> quick = new ArrayList<>();

        try (Connection slowWriter = dataSource.getConnection(); Connection failedWriter = dataSource.getConnection()) {
            slowWriter.setAutoCommit(false);
            insertLawyerRegistered(slowWriter, slow);         // takes its global index now, commits last

            failedWriter.setAutoCommit(false);
            insertLawyerRegistered(failedWriter, rolledBack); // burns a global index
            failedWriter.rollback();

            try (Connection c = dataSource.getConnection()) {
                for (int i = 0; i < 5; i++) {
                    String id = "quick-" + i + "-" + UUID.randomUUID();
                    insertLawyerRegistered(c, id);             // autocommit: visible before the slow one
                    quick.add(id);
                }
            }
            assertThat(awaitOnTopic(Set.copyOf(quick), Duration.ofSeconds(30))).containsAll(quick);
            slowWriter.commit();
        }

        Set<String> expected = new HashSet<>(quick);
        expected.add(slow);
        Set<String> published = awaitOnTopic(expected, Duration.ofSeconds(30));
        assertThat(published).containsAll(expected).doesNotContain(rolledBack);
    }

    /** Writes a stored event row as Axon's JDBC engine would. */
    private static void insertLawyerRegistered(Connection c, String lawyerId) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, "
                + "sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData) VALUES (?, ?, 0, 'Lawyer', ?, ?, '1', ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, lawyerId);
            insert.setString(3, Instant.now().toString());
            insert.setString(4, "org.mediationledger.events.lawyer.LawyerRegistered");
            insert.setBytes(5, ("{\"lawyerId\":\"" + lawyerId + "\",\"name\":\"测试\",\"maxActiveCases\":3}").getBytes(StandardCharsets.UTF_8));
            insert.setBytes(6, "{\"actorId\":\"test\",\"actorRole\":\"UNION_STAFF\"}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private static Set<String> awaitOnTopic(Set<String> wanted, Duration atMost) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.runtime().kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gaps-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    PublishedEvent event = EventJson.newObjectMapper().readValue(record.value(), PublishedEvent.class);
                    seen.add(event.aggregateId());
                }
            }
        }
        return seen;
    }
}

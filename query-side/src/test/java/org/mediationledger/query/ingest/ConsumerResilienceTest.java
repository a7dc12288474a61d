package org.mediationledger.query.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.EmbeddedServers;
import org.mediationledger.query.support.EventPublisher;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.TestDatabase;
import org.mediationledger.query.support.Worker;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that can never be applied holds its own case only: later events of other cases are
 * applied, offsets move on, and a restarted consumer does not read it again. A topic that does not
 * exist yet is waited for, never created by the consumer.
 */
@ExtendWith(EmbeddedServers.class)
class ConsumerResilienceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static int workers;

    @Test
    void eventThatCanNeverBeApplied_holdsItsCaseOnly_andOffsetsMoveOn_acrossARestart() throws Exception {
        String database = "consumer_poison";
        String topic = "mediation.events.consumer-poison";
        String group = "query-side-" + database;
        TestDatabase.create(database);
        JdbcTemplate db = TestDatabase.jdbc(database);
        // one partition: every event below is read strictly after the bad ones before it
        createTopic(topic, 1);

        // case A: a payment without paidOn reads fine but violates case_payment.paid_on NOT NULL
        CaseStory a = new CaseStory();
        PublishedEvent aRegistered = register(db, a);
        PublishedEvent aPayment = a.paid(100_000, LocalDate.of(2025, 6, 2), PaymentSource.INSTALMENT);
        PublishedEvent aBadPayment = without(aPayment, "paidOn");
        PublishedEvent aLater = a.paid(50_000, LocalDate.of(2025, 6, 3), PaymentSource.INSTALMENT);
        // case C: a registration without occurredAt (case_timeline.occurred_at is NOT NULL)
        CaseStory c = new CaseStory();
        PublishedEvent cRegistered = register(db, c);
        PublishedEvent cNoTime = new PublishedEvent(cRegistered.eventId(), cRegistered.aggregateType(),
                cRegistered.aggregateId(), cRegistered.sequence(), cRegistered.globalIndex(), cRegistered.type(),
                cRegistered.revision(), null, cRegistered.metadata(), cRegistered.payload());
        // case D: a registration without its claimant, which the projection dereferences
        CaseStory d = new CaseStory();
        PublishedEvent dRegistered = register(db, d);
        PublishedEvent dNoClaimant = without(dRegistered, "claimant");
        // case B: published after all of them
        CaseStory b = new CaseStory();
        PublishedEvent bRegistered = register(db, b);
        PublishedEvent bPayment = b.paid(200_000, LocalDate.of(2025, 6, 4), PaymentSource.EMPLOYER_VOLUNTARY);
        PublishedEvent bLater = b.paid(100_000, LocalDate.of(2025, 6, 5), PaymentSource.EMPLOYER_VOLUNTARY);

        try (EventPublisher publisher = new EventPublisher(topic)) {
            publisher.publish(aRegistered, aBadPayment, aLater, cNoTime, dNoClaimant, bRegistered, bPayment);
            try (ConfigurableApplicationContext first = QuerySideUnderTest.start(database, topic, Map.of())) {
                Api api = new Api(QuerySideUnderTest.port(first));
                await().atMost(PATIENCE).until(() -> lastApplied(db, b.caseId()) == 1);

                JsonNode bFile = api.json("/api/cases/" + b.caseId());
                assertThat(bFile.get("recoveredFen").asLong()).isEqualTo(200_000);
                assertThat(bFile.get("projectionStall").isNull()).isTrue();

                JsonNode aFile = api.json("/api/cases/" + a.caseId());
                assertThat(aFile.get("recoveredFen").asLong()).isZero();
                assertThat(aFile.get("payments")).isEmpty();
                assertThat(aFile.get("projectionStall").get("expectedSequence").asLong()).isEqualTo(1);
                assertThat(aFile.get("projectionStall").get("receivedSequence").asLong()).isEqualTo(2);
                assertThat(aFile.get("projectionStall").get("reason").asText())
                        .contains(aBadPayment.eventId(), "WagePaymentRecorded", "DataIntegrityViolation");

                assertThat(stallReason(db, c.caseId())).contains(cNoTime.eventId(), "has no occurredAt");
                assertThat(api.get("/api/cases/" + c.caseId()).statusCode()).as("never registered in the view").isEqualTo(404);
                assertThat(stallReason(db, d.caseId())).contains(dNoClaimant.eventId(), "NullPointerException");
                assertThat(db.queryForObject("SELECT count(*) FROM views.case_timeline WHERE case_id IN (?, ?)", Long.class,
                        c.caseId(), d.caseId())).as("nothing of a refused event is kept").isZero();

                for (PublishedEvent refused : List.of(aBadPayment, aLater, cNoTime, dNoClaimant)) {
                    assertThat(processed(db, refused.eventId())).as("refused events are not recorded as processed").isFalse();
                }
                assertThat(retries(api)).as("no batch was read again").isZero();
                await().atMost(PATIENCE).untilAsserted(() ->
                        assertThat(committedOffset(topic, group)).isEqualTo(endOffset(topic)));
            }

            publisher.publish(bLater);
            try (ConfigurableApplicationContext second = QuerySideUnderTest.start(database, topic, Map.of())) {
                Api api = new Api(QuerySideUnderTest.port(second));
                await().atMost(PATIENCE).until(() -> lastApplied(db, b.caseId()) == 2);

                assertThat(api.json("/api/cases/" + b.caseId()).get("recoveredFen").asLong()).isEqualTo(300_000);
                assertThat(eventsTaken(api)).as("the restarted consumer read only the new event").isEqualTo(1);
                assertThat(retries(api)).isZero();
                JsonNode aStall = api.json("/api/cases/" + a.caseId()).get("projectionStall");
                assertThat(aStall.get("expectedSequence").asLong()).isEqualTo(1);
                assertThat(aStall.get("receivedSequence").asLong()).isEqualTo(2);
                await().atMost(PATIENCE).untilAsserted(() ->
                        assertThat(committedOffset(topic, group)).isEqualTo(endOffset(topic)));
            }
        }
    }

    /**
     * A poll's small batches of several partitions go into the database together (EventStreamConsumer#groups);
     * when one event of them can never be applied, each partition's batch is taken alone, then its events one
     * at a time: only that event's case is held, every other case of every partition is applied once, and the
     * offsets of all partitions move on.
     */
    @Test
    void poisonEventAmongTheBatchesOfSeveralPartitions_holdsItsCaseOnly_theOtherPartitionsGoIn() throws Exception {
        String database = "consumer_poison_grouped";
        String topic = "mediation.events.consumer-poison-grouped";
        String group = "query-side-" + database;
        TestDatabase.create(database);
        JdbcTemplate db = TestDatabase.jdbc(database);

        CaseStory poisoned = new CaseStory();
        PublishedEvent poisonedRegistered = register(db, poisoned);
        PublishedEvent badPayment = without(poisoned.paid(100_000, LocalDate.of(2025, 6, 2), PaymentSource.INSTALMENT), "paidOn");
        List<CaseStory> healthy = new java.util.ArrayList<>();
        List<PublishedEvent> events = new java.util.ArrayList<>(List.of(poisonedRegistered, badPayment));
        for (int i = 0; i < 8; i++) {
            CaseStory story = new CaseStory();
            healthy.add(story);
            events.add(register(db, story));
            events.add(story.paid(10_000 + i, LocalDate.of(2025, 6, 3), PaymentSource.EMPLOYER_VOLUNTARY));
        }
        assertThat(healthy).as("some healthy cases are in a partition other than the poisoned one's")
                .anyMatch(story -> partitionOf(story.caseId()) != partitionOf(poisoned.caseId()));

        try (EventPublisher publisher = new EventPublisher(topic)) {
            publisher.publish(events); // all of it before the consumer starts: its first polls span the partitions
            try (ConfigurableApplicationContext context = QuerySideUnderTest.start(database, topic, Map.of())) {
                Api api = new Api(QuerySideUnderTest.port(context));
                for (CaseStory story : healthy) {
                    await().atMost(PATIENCE).until(() -> lastApplied(db, story.caseId()) == 1);
                }
                for (int i = 0; i < healthy.size(); i++) {
                    assertThat(api.json("/api/cases/" + healthy.get(i).caseId()).get("recoveredFen").asLong())
                            .isEqualTo(10_000 + i);
                }
                assertThat(stallReason(db, poisoned.caseId())).contains(badPayment.eventId(), "DataIntegrityViolation");
                assertThat(api.json("/api/cases/" + poisoned.caseId()).get("payments")).isEmpty();
                assertThat(processed(db, badPayment.eventId())).isFalse();
                assertThat(eventsTaken(api)).as("each event handed over once after the failed group, none twice")
                        .isEqualTo(events.size());
                assertThat(retries(api)).as("a poison event is not retried").isZero();
                try (Admin admin = admin()) {
                    await().atMost(PATIENCE).untilAsserted(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata().get();
                        for (int partition = 0; partition < 3; partition++) {
                            TopicPartition topicPartition = new TopicPartition(topic, partition);
                            long end = admin.listOffsets(Map.of(topicPartition, OffsetSpec.latest()))
                                    .partitionResult(topicPartition).get().offset();
                            OffsetAndMetadata offset = committed.get(topicPartition);
                            assertThat(offset == null ? 0 : offset.offset()).as("partition " + partition).isEqualTo(end);
                        }
                    });
                }
            }
        }
    }

    /** The partition of 3 that the producer's default partitioner gives {@code key}. */
    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
    }

    @Test
    void topicThatDoesNotExistYet_isWaitedFor_neverCreated() throws Exception {
        String database = "consumer_missing_topic";
        String topic = "mediation.events.created-later";
        TestDatabase.create(database);
        JdbcTemplate db = TestDatabase.jdbc(database);

        try (ConfigurableApplicationContext context = QuerySideUnderTest.start(database, topic, Map.of());
             Admin admin = admin()) {
            Api api = new Api(QuerySideUnderTest.port(context));
            // the consumer has polled without the topic: it has joined its group (which it does from poll) and asked again since
            String group = "query-side-" + database;
            await("the query side's consumer joined group " + group).atMost(PATIENCE).until(() ->
                    !admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty());
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
            assertThat(api.getAnonymously("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(api.json("/api/cases").get("items")).isEmpty();

            // the command side creates it (EventPublisher does as the relay's setup would)
            CaseStory story = new CaseStory();
            try (EventPublisher publisher = new EventPublisher(topic)) {
                publisher.publish(register(db, story));
                await().atMost(PATIENCE).until(() -> lastApplied(db, story.caseId()) == 0);
            }
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .as("the topic as its creator made it").hasSize(3);
            assertThat(retries(api)).isZero();
        }
    }

    private static PublishedEvent register(JdbcTemplate db, CaseStory story) {
        Worker worker = Worker.enrol(db, "工人", "3702031990020" + (10000 + workers++), "13800000000");
        return story.registered(worker, EmploymentForm.LABOR_CONTRACT, DisputeCategory.UNPAID_WAGES, IntakeChannel.WALK_IN,
                "市北区", 1_000_000, LocalDate.of(2025, 6, 1));
    }

    /** The same event with one field of its payload left out. */
    private static PublishedEvent without(PublishedEvent event, String field) {
        ObjectNode payload = event.payload().deepCopy();
        payload.remove(field);
        return new PublishedEvent(event.eventId(), event.aggregateType(), event.aggregateId(), event.sequence(),
                event.globalIndex(), event.type(), event.revision(), event.occurredAt(), event.metadata(), payload);
    }

    private static long lastApplied(JdbcTemplate db, String aggregateId) {
        try {
            List<Long> last = db.queryForList("SELECT last_sequence FROM views.aggregate_sequence WHERE aggregate_id = ?",
                    Long.class, aggregateId);
            return last.isEmpty() ? -1 : last.get(0);
        } catch (org.springframework.dao.DataAccessException notMigratedYet) {
            return -1;
        }
    }

    private static String stallReason(JdbcTemplate db, String aggregateId) {
        return db.queryForObject("SELECT stall_reason FROM views.aggregate_sequence WHERE aggregate_id = ? "
                + "AND stalled_expected IS NOT NULL", String.class, aggregateId);
    }

    private static boolean processed(JdbcTemplate db, String eventId) {
        return Boolean.TRUE.equals(db.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM views.processed_event WHERE event_id = ?)", Boolean.class, eventId));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.kafka().bootstrapServers()));
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static long committedOffset(String topic, String group) throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return committed == null ? -1 : committed.offset();
        }
    }

    private static long endOffset(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    private static double retries(Api api) {
        return metric(api, "ml_projection_retries_total");
    }

    /** Every event the consumer handed to the views, whatever became of it. */
    private static double eventsTaken(Api api) {
        return metric(api, "ml_projection_events_total");
    }

    private static double metric(Api api, String name) {
        double sum = 0;
        for (String line : api.get("/actuator/prometheus", null, null, "text/plain").body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}

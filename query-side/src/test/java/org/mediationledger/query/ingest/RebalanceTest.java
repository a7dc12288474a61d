package org.mediationledger.query.ingest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.ConsumerGroupState;
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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-side nodes in one consumer group over one database, as a cluster runs them: a node joins
 * while the first one's batch is still in its transaction (the group rebalances in the middle of the
 * batch), later the first one leaves; the views end with every event applied exactly once.
 */
@ExtendWith(EmbeddedServers.class)
class RebalanceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int CASES = 40;
    private static final long PAYMENT_FEN = 10_000;
    private static final int PAYMENTS_PER_CASE = 4;

    @Test
    void aNodeJoiningWhileABatchIsInItsTransaction_andTheFirstLeavingLater_endWithEveryEventAppliedOnce() throws Exception {
        String database = "consumer_rebalance";
        String topic = "mediation.events.consumer-rebalance";
        String group = "query-side-" + database;
        String url = TestDatabase.create(database);
        JdbcTemplate db = TestDatabase.jdbc(database);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedServers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
            List<PublishedEvent> firstHalf = new ArrayList<>();
            List<PublishedEvent> secondHalf = new ArrayList<>();
            for (int n = 0; n < CASES; n++) {
                List<PublishedEvent> story = CaseStory.withPayments(db, n, PAYMENTS_PER_CASE, PAYMENT_FEN);
                firstHalf.addAll(story.subList(0, 3));
                secondHalf.addAll(story.subList(3, story.size()));
            }

            try (EventPublisher publisher = new EventPublisher(topic)) {
                ConfigurableApplicationContext first = QuerySideUnderTest.start(database, topic, Map.of());
                try (ConfigurableApplicationContext second = holdingIngestion(url, () -> {
                    publisher.publish(firstHalf);
                    // the first node's batch waits inside its transaction for the views lock held here
                    await().atMost(PATIENCE).until(() -> waitingForTheViewsLock(db) > 0);
                    ConfigurableApplicationContext joined = QuerySideUnderTest.start(database, topic, Map.of());
                    await().atMost(PATIENCE).until(() -> admin.describeConsumerGroups(List.of(group)).all().get()
                            .get(group).state() == ConsumerGroupState.PREPARING_REBALANCE);
                    return joined;
                })) {
                    await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == firstHalf.size());
                    await().atMost(PATIENCE).until(() -> {
                        ConsumerGroupDescription members = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                        return members.state() == ConsumerGroupState.STABLE && members.members().size() == 2
                                && members.members().stream().noneMatch(member -> member.assignment().topicPartitions().isEmpty());
                    });
                    publisher.publish(secondHalf);
                    // both nodes take events in, each from its own partitions, before the first one leaves
                    await().atMost(PATIENCE).untilAsserted(() -> assertThat(List.of(eventsTaken(first), eventsTaken(second)))
                            .as("events taken by each node; the group: %s",
                                    admin.describeConsumerGroups(List.of(group)).all().get().get(group))
                            .allMatch(taken -> taken > 0));
                    first.close();

                    long all = firstHalf.size() + secondHalf.size();
                    await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == all);
                    assertThat(db.queryForObject("SELECT count(*) FROM views.case_payment", Long.class))
                            .isEqualTo(CASES * PAYMENTS_PER_CASE);
                    assertThat(db.queryForObject("SELECT sum(recovered_fen) FROM views.dispute_case", Long.class))
                            .isEqualTo(CASES * PAYMENTS_PER_CASE * PAYMENT_FEN);
                    assertThat(db.queryForList("SELECT DISTINCT version FROM views.dispute_case", Long.class))
                            .containsExactly((long) PAYMENTS_PER_CASE);
                    assertThat(db.queryForList("SELECT DISTINCT last_sequence FROM views.aggregate_sequence "
                            + "WHERE aggregate_type = 'DisputeCase'", Long.class)).containsExactly((long) PAYMENTS_PER_CASE);
                    assertThat(db.queryForObject("SELECT count(*) FROM views.aggregate_sequence WHERE stalled_expected IS NOT NULL",
                            Long.class)).as("no case held").isZero();
                    assertThat(db.queryForObject("SELECT count(*) FROM views.case_timeline", Long.class))
                            .isEqualTo(CASES * (1L + PAYMENTS_PER_CASE));
                } finally {
                    first.close();
                }
            }
        }
    }

    /** Every event the node handed to the views, whatever became of it. */
    private static double eventsTaken(ConfigurableApplicationContext node) {
        double sum = 0;
        for (String line : new Api(QuerySideUnderTest.port(node)).get("/actuator/prometheus", null, null, "text/plain")
                .body().split("\n")) {
            if (line.startsWith("ml_projection_events_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private interface Held<T> {
        T run() throws Exception;
    }

    /** Runs {@code whileHeld} with the views lock held on a connection of its own, as a switch to rebuilt views holds it. */
    private static <T> T holdingIngestion(String url, Held<T> whileHeld) throws Exception {
        try (Connection holder = DriverManager.getConnection(url, EmbeddedServers.postgres().username(),
                EmbeddedServers.postgres().password());
             Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + ViewsLock.KEY + ")");
            return whileHeld.run();
        }
    }

    private static long waitingForTheViewsLock(JdbcTemplate db) {
        Long waiting = db.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Long.class);
        return waiting == null ? 0 : waiting;
    }


}

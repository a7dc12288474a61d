package org.mediationledger.query.ingest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.EmbeddedServers;
import org.mediationledger.query.support.EventPublisher;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partition whose batch is stuck in the database holds up no other partition (decision 0028): while one
 * case's batch waits for a row lock, events of cases in the other partitions, published after it, are taken
 * in; the stuck case follows once the lock is gone, each event once.
 */
@ExtendWith(EmbeddedServers.class)
class PartitionsInFlightTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int PARTITIONS = 6;

    @Test
    void aBatchWaitingInTheDatabase_holdsUpOnlyItsOwnPartition() throws Exception {
        String database = "partitions_in_flight";
        String topic = "mediation.events.partitions-in-flight";
        String url = TestDatabase.create(database);
        JdbcTemplate db = TestDatabase.jdbc(database);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedServers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        List<PublishedEvent> stuck = CaseStory.withPayments(db, 1, 1, 10_000);
        String stuckCase = stuck.get(0).aggregateId();
        List<PublishedEvent> others = new ArrayList<>();
        while (others.size() < 8) {
            List<PublishedEvent> story = CaseStory.withPayments(db, 2 + others.size(), 1, 10_000);
            if (partitionOf(story.get(0).aggregateId()) != partitionOf(stuckCase)) {
                others.addAll(story);
            }
        }

        try (EventPublisher publisher = new EventPublisher(topic);
             ConfigurableApplicationContext querySide = QuerySideUnderTest.start(database, topic, Map.of())) {
            publisher.publish(stuck.get(0));
            await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == 1);
            try (Connection holder = DriverManager.getConnection(url, EmbeddedServers.postgres().username(),
                    EmbeddedServers.postgres().password());
                 Statement statement = holder.createStatement()) {
                holder.setAutoCommit(false);
                // the stuck case's batch locks its sequence row first: it waits here until the lock holder ends
                statement.execute("SELECT 1 FROM views.aggregate_sequence WHERE aggregate_id = '" + stuckCase + "' FOR UPDATE");
                publisher.publish(stuck.get(1));
                await().atMost(PATIENCE).until(() -> waitingForALock(db) > 0);

                publisher.publish(others);
                await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == 1 + others.size());
                assertThat(waitingForALock(db)).as("the stuck batch still waits").isPositive();
                assertThat(db.queryForObject("SELECT count(*) FROM views.case_payment WHERE case_id = ?", Long.class, stuckCase))
                        .isZero();
                holder.rollback();
            }
            await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == stuck.size() + others.size());
            assertThat(db.queryForObject("SELECT count(*) FROM views.case_payment", Long.class)).isEqualTo(1 + others.size() / 2);
            assertThat(db.queryForObject("SELECT sum(recovered_fen) FROM views.dispute_case", Long.class))
                    .isEqualTo(10_000L * (1 + others.size() / 2));
        }
    }

    /** The partition Kafka's default partitioner gives a record keyed by the case id (as the relay keys them). */
    private static int partitionOf(String caseId) {
        return Utils.toPositive(Utils.murmur2(caseId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static long waitingForALock(JdbcTemplate db) {
        Long waiting = db.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'", Long.class);
        return waiting == null ? 0 : waiting;
    }
}

package org.mediationledger.query.ingest;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer stops and starts, and the database goes away and comes back, in the middle of a
 * stream of events; afterwards the views hold exactly the totals of the events sent.
 */
@ExtendWith(EmbeddedServers.class)
class ConsumerRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final long PAYMENT_FEN = 10_000;
    private static final int PAYMENTS_PER_CASE = 4;

    @Test
    void closingTheContextMidStream_andStartingANewOne_endsWithExactTotals() {
        String database = "consumer_restart";
        String topic = "mediation.events.consumer-restart";
        TestDatabase.create(database);
        JdbcTemplate db = TestDatabase.jdbc(database);
        List<PublishedEvent> firstHalf = new ArrayList<>();
        List<PublishedEvent> secondHalf = new ArrayList<>();
        int cases = 30;
        for (int n = 0; n < cases; n++) {
            List<PublishedEvent> story = CaseStory.withPayments(db, n, PAYMENTS_PER_CASE, PAYMENT_FEN);
            firstHalf.addAll(story.subList(0, 3));
            secondHalf.addAll(story.subList(3, story.size()));
        }

        try (EventPublisher publisher = new EventPublisher(topic)) {
            publisher.publish(firstHalf);
            ConfigurableApplicationContext first = start(database, topic);
            try {
                // small batches: the first consumer is still busy when it is stopped
                await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) >= 10);
            } finally {
                first.close();
            }
            long afterFirst = TestDatabase.processedEvents(db);
            publisher.publish(secondHalf);

            try (ConfigurableApplicationContext second = start(database, topic)) {
                long all = firstHalf.size() + secondHalf.size();
                await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == all);
                assertThat(afterFirst).isLessThanOrEqualTo(firstHalf.size());

                JsonNode total = new Api(QuerySideUnderTest.port(second)).json("/api/reports/recovered-wages").get("total");
                assertThat(total.get("cases").asLong()).isEqualTo(cases);
                assertThat(total.get("claimedFen").asLong()).isEqualTo(cases * 100_000L);
                assertThat(total.get("recoveredFen").asLong()).isEqualTo(cases * PAYMENTS_PER_CASE * PAYMENT_FEN);
                assertThat(total.get("outstandingFen").asLong())
                        .isEqualTo(cases * (100_000L - PAYMENTS_PER_CASE * PAYMENT_FEN));
                assertThat(db.queryForObject("SELECT count(*) FROM views.case_payment", Long.class))
                        .isEqualTo(cases * PAYMENTS_PER_CASE);
                assertThat(db.queryForList("SELECT DISTINCT version FROM views.dispute_case", Long.class))
                        .containsExactly((long) PAYMENTS_PER_CASE);
            }
        }
    }

    @Test
    void databaseOutage_isWaitedOut_withoutLosingOrDoublingEvents() {
        String database = "consumer_outage";
        String topic = "mediation.events.consumer-outage";
        TestDatabase.create(database);
        JdbcTemplate db = TestDatabase.jdbc(database);
        JdbcTemplate admin = TestDatabase.jdbc("postgres");
        List<PublishedEvent> before = new ArrayList<>();
        List<PublishedEvent> during = new ArrayList<>();
        int cases = 10;
        for (int n = 0; n < cases; n++) {
            List<PublishedEvent> story = CaseStory.withPayments(db, 100 + n, PAYMENTS_PER_CASE, PAYMENT_FEN);
            before.addAll(story.subList(0, 2));
            during.addAll(story.subList(2, story.size()));
        }

        try (EventPublisher publisher = new EventPublisher(topic);
             ConfigurableApplicationContext context = start(database, topic)) {
            Api api = new Api(QuerySideUnderTest.port(context));
            publisher.publish(before);
            await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == before.size());

            admin.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            try {
                admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?",
                        Boolean.class, database);
                publisher.publish(during);
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(api.getAnonymously("/actuator/health").statusCode()).isEqualTo(503);
                    assertThat(retries(api)).isGreaterThan(0);
                });
            } finally {
                admin.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }

            long all = before.size() + during.size();
            await().atMost(PATIENCE).until(() -> TestDatabase.processedEvents(db) == all);
            JsonNode total = api.json("/api/reports/recovered-wages").get("total");
            assertThat(total.get("cases").asLong()).isEqualTo(cases);
            assertThat(total.get("recoveredFen").asLong()).isEqualTo(cases * PAYMENTS_PER_CASE * PAYMENT_FEN);
            assertThat(db.queryForObject("SELECT count(*) FROM views.case_payment", Long.class))
                    .isEqualTo(cases * PAYMENTS_PER_CASE);
            await().atMost(PATIENCE).until(() -> api.getAnonymously("/actuator/health").statusCode() == 200);
        }
    }


    private static ConfigurableApplicationContext start(String database, String topic) {
        // small batches, so that a stop falls in the middle of the stream; a short wait for a connection
        return QuerySideUnderTest.start(database, topic, Map.of(
                "ml.query-side.max-poll-records", 5,
                "spring.datasource.hikari.connection-timeout", 1000));
    }


    private static double retries(Api api) {
        for (String line : api.get("/actuator/prometheus", null, null, "text/plain").body().split("\n")) {
            if (line.startsWith("ml_projection_retries_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}

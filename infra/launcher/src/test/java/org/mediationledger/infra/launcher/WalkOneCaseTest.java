package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.wire.PublishedEvent;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One case through the whole running system, as the README walks it: HTTP command → event stored in
 * PostgreSQL → on the Kafka topic → view updated on the query side; and the worker's ID number and
 * phone nowhere in plaintext: not in the event table, not on the topic, not in any log.
 */
class WalkOneCaseTest extends WholeSystemTest {

    static final String ID_NUMBER = "11010519491231002X";
    static final String PHONE = "13812345678";


    /**
     * Dated today, as the README's walk is, so that no deadline of the case has passed while it is walked
     * (a lapse recorded in between would make the If-Match below stale).
     */
    @Test
    void readmeWalk_fromHttpCommandToEventStoreToTopicToView() throws Exception {
        String caseId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":12}");
        JsonNode registered = system.command("/api/cases", "staff", "{\"caseId\":\"" + caseId + "\","
                + "\"claimant\":{\"name\":\"张伟\",\"idNumber\":\"" + ID_NUMBER + "\",\"phone\":\"" + PHONE + "\","
                + "\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"青岛某某配送服务有限公司\",\"creditCode\":\"91370203MA3C0X0X0E\"}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":1250000,\"channel\":\"WALK_IN\","
                + "\"district\":\"市北区\",\"facts\":\"三个月送餐工资未结\",\"appliedOn\":\"" + today + "\"}");
        assertThat(registered.get("version").asLong()).isZero();
        system.command("/api/cases/" + caseId + "/mediator", "staff", "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"" + today + "\"}");
        system.command("/api/cases/" + caseId + "/mediation-sessions", "lawyer1",
                "{\"sessionId\":\"s-1\",\"heldOn\":\"" + today + "\",\"summary\":\"双方到场，雇主承认欠薪\"}");
        system.command("/api/cases/" + caseId + "/agreement", "lawyer1", "{\"agreedFen\":1000000,\"effectiveOn\":\"" + today + "\","
                + "\"instalments\":[{\"dueOn\":\"" + today.plusDays(30) + "\",\"amountFen\":500000},"
                + "{\"dueOn\":\"" + today.plusDays(60) + "\",\"amountFen\":500000}]}",
                "If-Match", "\"2\"");
        String payment = "{\"paymentId\":\"7c1d0e5b-0001\",\"amountFen\":500000,\"paidOn\":\"" + today + "\",\"source\":\"INSTALMENT\"}";
        JsonNode paid = system.command("/api/cases/" + caseId + "/payments", "lawyer1", payment, "Idempotency-Key", "pay-7c1");
        JsonNode again = system.command("/api/cases/" + caseId + "/payments", "lawyer1", payment, "Idempotency-Key", "pay-7c1");
        assertThat(again).isEqualTo(paid);

        // stored
        try (Connection db = system.database();
             PreparedStatement q = db.prepareStatement(
                     "SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber")) {
            q.setString(1, caseId);
            List<String> types = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1).substring(rs.getString(1).lastIndexOf('.') + 1));
                }
            }
            assertThat(types).containsExactly("DisputeRegistered", "MediatorAssigned", "MediationSessionHeld",
                    "MediationAgreementReached", "WagePaymentRecorded");
        }

        // published
        List<PublishedEvent> onTopic = eventsOnTopic(caseId, 5);
        assertThat(onTopic).extracting(PublishedEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);

        // projected
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode file = system.view("/api/cases/" + caseId);
            assertThat(file.get("recoveredFen").asLong()).isEqualTo(500_000);
        });
        HttpResponse<String> file = system.get("/api/cases/" + caseId, "auditor", "application/json");
        assertThat(file.headers().firstValue("X-Projection-Position")).isPresent();
        JsonNode caseFile = RunningSystem.read(file.body());
        assertThat(caseFile.get("stage").asText()).isEqualTo("AGREED");
        assertThat(caseFile.get("agreedFen").asLong()).isEqualTo(1_000_000);
        assertThat(caseFile.get("outstandingFen").asLong()).isEqualTo(500_000);
        assertThat(caseFile.get("mediatorId").asText()).isEqualTo("lawyer1");
        assertThat(caseFile.get("claimant").get("idNumber").asText()).isEqualTo("110***********002X");
        assertThat(caseFile.get("claimant").get("phone").asText()).isEqualTo("138****5678");
        assertThat(caseFile.get("district").asText()).isEqualTo("市北区");

        HttpResponse<String> csv = system.get("/api/reports/recovered-wages?groupBy=district", "auditor", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("市北区");

        // personal data nowhere in plaintext
        String everyStoredEvent = storedEventsAsText();
        String everyMessage = String.join("\n", onTopic.stream().map(Object::toString).toList()) + rawTopic();
        String logs = system.logsOf("command-side") + system.logsOf("query-side");
        for (String secret : List.of(ID_NUMBER, PHONE)) {
            assertThat(everyStoredEvent).doesNotContain(secret);
            assertThat(everyMessage).doesNotContain(secret);
            assertThat(logs).doesNotContain(secret);
        }
        assertThat(everyStoredEvent).contains("青岛某某配送服务有限公司");
    }

    /**
     * The hash chain (issue 4): an untouched case verifies clean; one altered byte of a payload or of the
     * metadata, or two events swapped, makes verification name that case's first broken sequence.
     */
    @Test
    void verification_namesTheFirstAlteredEvent_andAnUntouchedCaseIsIntact() throws Exception {
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer2\",\"name\":\"王强\",\"maxActiveCases\":12}");
        String untouched = caseWithFourEvents();
        String payloadAltered = caseWithFourEvents();
        String metadataAltered = caseWithFourEvents();
        String reordered = caseWithFourEvents();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(system.view("/api/audit/cases/" + reordered + "/verification").get("events").asInt()).isEqualTo(4));

        tamper("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '双方', '单方'), 'UTF8') "
                + "WHERE aggregateIdentifier = ? AND sequenceNumber = 2", payloadAltered);
        tamper("UPDATE DomainEventEntry SET metaData = convert_to(replace(convert_from(metaData, 'UTF8'), 'lawyer2', 'lawyer3'), 'UTF8') "
                + "WHERE aggregateIdentifier = ? AND sequenceNumber = 2", metadataAltered);
        // two events swap places (in three steps: the unique (aggregate, sequence) key holds after each)
        tamper("UPDATE DomainEventEntry SET sequenceNumber = -1 WHERE aggregateIdentifier = ? AND sequenceNumber = 1", reordered);
        tamper("UPDATE DomainEventEntry SET sequenceNumber = 1 WHERE aggregateIdentifier = ? AND sequenceNumber = 3", reordered);
        tamper("UPDATE DomainEventEntry SET sequenceNumber = 3 WHERE aggregateIdentifier = ? AND sequenceNumber = -1", reordered);

        JsonNode clean = system.view("/api/audit/cases/" + untouched + "/verification");
        assertThat(clean.get("intact").asBoolean()).isTrue();
        assertThat(clean.get("firstBrokenSequence").isNull()).isTrue();
        for (String altered : List.of(payloadAltered, metadataAltered)) {
            JsonNode verdict = system.view("/api/audit/cases/" + altered + "/verification");
            assertThat(verdict.get("intact").asBoolean()).as(altered).isFalse();
            assertThat(verdict.get("firstBrokenSequence").asLong()).as(altered).isEqualTo(2);
        }
        assertThat(system.view("/api/audit/cases/" + reordered + "/verification").get("firstBrokenSequence").asLong()).isEqualTo(1);

        JsonNode history = system.view("/api/audit/cases/" + untouched + "/history").get("events");
        assertThat(history).hasSize(4);
        assertThat(history.get(2).get("type").asText()).isEqualTo("MediationSessionHeld");
        assertThat(history.get(2).get("actor").get("id").asText()).isEqualTo("lawyer2");
        assertThat(history.get(3).get("previousHash").asText()).isEqualTo(history.get(2).get("hash").asText());
        assertThat(system.get("/api/audit/cases/" + untouched + "/history", "lawyer2", "application/json").statusCode()).isEqualTo(403);

        // the case as it stood when the mediator had just signed for the file, folded by the live view's projection
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(system.view("/api/cases/" + untouched).get("stage").asText()).isEqualTo("MEDIATION_FAILED"));
        String asOf = history.get(1).get("occurredAt").asText();
        JsonNode then = system.view("/api/audit/cases/" + untouched + "/state?asOf=" + asOf);
        assertThat(then.get("stage").asText()).isEqualTo("IN_MEDIATION");
        assertThat(then.get("mediatorId").asText()).isEqualTo("lawyer2");
        assertThat(then.get("sessions")).isEmpty();
        assertThat(then.get("timeline")).hasSize(2);
        assertThat(then.get("claimant").get("idNumber").asText()).contains("*");
        assertThat(system.view("/api/cases/" + untouched).get("stage").asText()).as("the live view is untouched")
                .isEqualTo("MEDIATION_FAILED");
        assertThat(system.get("/api/audit/cases/" + untouched + "/state?asOf=2020-01-01T00:00:00Z", "auditor", "application/json")
                .statusCode()).isEqualTo(404);
    }

    private String caseWithFourEvents() {
        String caseId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        system.command("/api/cases", "staff", "{\"caseId\":\"" + caseId + "\","
                + "\"claimant\":{\"name\":\"赵磊\",\"idNumber\":\"" + AcceptanceTest.idNumber(7) + "\",\"phone\":\"13700000007\","
                + "\"employmentForm\":\"PLATFORM_COOPERATION\"},\"respondents\":[{\"name\":\"某配送站\",\"creditCode\":null}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":300000,\"channel\":\"WALK_IN\",\"district\":\"市北区\","
                + "\"facts\":\"工资未结\",\"appliedOn\":\"" + today + "\"}");
        system.command("/api/cases/" + caseId + "/mediator", "staff", "{\"lawyerId\":\"lawyer2\",\"receivedOn\":\"" + today + "\"}");
        system.command("/api/cases/" + caseId + "/mediation-sessions", "lawyer2",
                "{\"sessionId\":\"s-1\",\"heldOn\":\"" + today + "\",\"summary\":\"双方到场\"}");
        system.command("/api/cases/" + caseId + "/mediation-failure", "lawyer2",
                "{\"reason\":\"雇主拒绝\",\"failedOn\":\"" + today + "\"}");
        return caseId;
    }

    /** Changes stored events behind the application's back, as someone with database access could. */
    private void tamper(String update, String caseId) throws Exception {
        try (Connection db = system.database()) {
            db.setAutoCommit(false);
            db.createStatement().execute("ALTER TABLE DomainEventEntry DISABLE TRIGGER domain_event_entry_immutable");
            try (PreparedStatement change = db.prepareStatement(update)) {
                change.setString(1, caseId);
                assertThat(change.executeUpdate()).isPositive();
            }
            db.createStatement().execute("ALTER TABLE DomainEventEntry ENABLE TRIGGER domain_event_entry_immutable");
            db.commit();
        }
    }

    private String storedEventsAsText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection db = system.database();
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT convert_from(payload, 'UTF8'), convert_from(metaData, 'UTF8') FROM DomainEventEntry")) {
            while (rs.next()) {
                all.append(rs.getString(1)).append(rs.getString(2)).append('\n');
            }
        }
        return all.toString();
    }

    private List<PublishedEvent> eventsOnTopic(String caseId, int expected) {
        List<PublishedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consume(r -> r.stream().filter(x -> x.key().equals(caseId)).count() >= expected)) {
            if (record.key().equals(caseId)) {
                try {
                    events.add(RunningSystem.JSON.readValue(record.value(), PublishedEvent.class));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return events;
    }

    private String rawTopic() {
        StringBuilder raw = new StringBuilder();
        system.consume(r -> false, Duration.ofSeconds(3)).forEach(r -> raw.append(r.value()).append('\n'));
        return raw.toString();
    }

    private List<ConsumerRecord<String, String>> consume(java.util.function.Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> records = system.consume(done, Duration.ofSeconds(30));
        assertThat(done.test(records)).as("the events reached topic " + PublishedEvent.TOPIC).isTrue();
        return records;
    }
}

package org.mediationledger.query.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.Worker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every event changes the views exactly once, and a missing event holds its case rather than mislead. */
class DeliveryGuaranteesTest extends ProjectionTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static int workers;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "delivery_guarantees", "mediation.events.delivery-guarantees");
    }

    @Test
    void redeliveredEvent_changesNothing() {
        CaseStory story = new CaseStory();
        PublishedEvent registered = register(story, 500_000);
        PublishedEvent payment = story.paid(120_000, LocalDate.of(2025, 6, 5), PaymentSource.EMPLOYER_VOLUNTARY);
        publishAndAwait(registered, payment);

        // the very same message again, then a later event of the case that proves the repeat was read
        events().publish(payment, payment);
        PublishedEvent session = story.sessionHeld(LocalDate.of(2025, 6, 6), "再次沟通");
        publishAndAwait(session);

        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("recoveredFen").asLong()).isEqualTo(120_000);
        assertThat(file.get("outstandingFen").asLong()).isEqualTo(380_000);
        assertThat(file.get("payments")).hasSize(1);
        assertThat(file.get("timeline")).hasSize(3);
        assertThat(file.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void anotherEventClaimingAnAppliedSequence_isSkipped() {
        CaseStory story = new CaseStory();
        PublishedEvent registered = register(story, 500_000);
        PublishedEvent payment = story.paid(100_000, LocalDate.of(2025, 6, 5), PaymentSource.EMPLOYER_VOLUNTARY);
        publishAndAwait(registered, payment);

        PublishedEvent impostor = new PublishedEvent(UUID.randomUUID().toString(), payment.aggregateType(),
                payment.aggregateId(), payment.sequence(), payment.globalIndex(), payment.type(), payment.revision(),
                payment.occurredAt(), payment.metadata(), payment.payload());
        events().publish(impostor);
        publishAndAwait(story.sessionHeld(LocalDate.of(2025, 6, 6), "跟进"));

        assertThat(api.json("/api/cases/" + story.caseId()).get("recoveredFen").asLong()).isEqualTo(100_000);
    }

    @Test
    void gapInSequence_holdsThatCase_whileOtherCasesContinue_untilTheMissingEventArrives() {
        CaseStory held = new CaseStory();
        PublishedEvent registered = register(held, 1_000_000);
        PublishedEvent firstPayment = held.paid(100_000, LocalDate.of(2025, 6, 2), PaymentSource.INSTALMENT);
        PublishedEvent secondPayment = held.paid(200_000, LocalDate.of(2025, 6, 3), PaymentSource.INSTALMENT);
        publishAndAwait(registered);

        // the first payment never reaches the topic
        events().publish(secondPayment);
        CaseStory other = new CaseStory();
        List<PublishedEvent> otherEvents = List.of(register(other, 400_000),
                other.paid(400_000, LocalDate.of(2025, 6, 4), PaymentSource.EMPLOYER_VOLUNTARY));
        publishAndAwait(otherEvents);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.json("/api/cases/" + held.caseId()).get("projectionStall").isNull()).isFalse());

        JsonNode stalled = api.json("/api/cases/" + held.caseId());
        assertThat(stalled.get("recoveredFen").asLong()).isZero();
        assertThat(stalled.get("outstandingFen").asLong()).isEqualTo(1_000_000);
        assertThat(stalled.get("payments")).isEmpty();
        assertThat(stalled.get("version").asLong()).isZero();
        assertThat(stalled.get("projectionStall").get("expectedSequence").asLong()).isEqualTo(1);
        assertThat(stalled.get("projectionStall").get("receivedSequence").asLong()).isEqualTo(2);
        assertThat(stalled.get("projectionStall").get("reason").asText()).contains("sequence 1 missing");
        assertThat(api.json("/api/cases/" + other.caseId()).get("recoveredFen").asLong()).isEqualTo(400_000);

        // a replay brings the missing event and, after it, the held one again
        publishAndAwait(firstPayment, secondPayment);

        JsonNode caughtUp = api.json("/api/cases/" + held.caseId());
        assertThat(caughtUp.get("recoveredFen").asLong()).isEqualTo(300_000);
        assertThat(caughtUp.get("outstandingFen").asLong()).isEqualTo(700_000);
        assertThat(caughtUp.get("payments")).hasSize(2);
        assertThat(caughtUp.get("version").asLong()).isEqualTo(2);
        assertThat(caughtUp.get("projectionStall").isNull()).isTrue();
    }

    @Test
    void unknownEventType_isSkipped_andTheCaseGoesOn() {
        CaseStory story = new CaseStory();
        PublishedEvent registered = register(story, 600_000);
        PublishedEvent unknown = story.unknownEvent("ReliefApplied");
        PublishedEvent payment = story.paid(250_000, LocalDate.of(2025, 6, 7), PaymentSource.PLATFORM);
        publishAndAwait(registered, unknown, payment);

        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("recoveredFen").asLong()).isEqualTo(250_000);
        assertThat(file.get("version").asLong()).isEqualTo(2);
        assertThat(file.get("timeline").get(1).get("type").asText()).isEqualTo("ReliefApplied");
        assertThat(file.get("projectionStall").isNull()).isTrue();
        assertThat(db.queryForObject("SELECT count(*) FROM views.processed_event WHERE event_id = ?", Long.class,
                unknown.eventId())).isEqualTo(1);
    }

    @Test
    void messageThatIsNotAnEvent_isSkipped_andLaterEventsApply() {
        CaseStory story = new CaseStory();
        PublishedEvent registered = register(story, 700_000);
        events().publishRaw(story.caseId(), "this is not an event");
        publishAndAwait(registered);

        assertThat(api.json("/api/cases/" + story.caseId()).get("claimedFen").asLong()).isEqualTo(700_000);
    }

    @Test
    void knownTypeWithUnreadablePayload_holdsItsCase() throws Exception {
        CaseStory story = new CaseStory();
        PublishedEvent registered = register(story, 800_000);
        PublishedEvent payment = story.paid(100_000, LocalDate.of(2025, 6, 8), PaymentSource.INSTALMENT);
        JsonNode corrupt = JSON.readTree("{\"caseId\":\"" + story.caseId() + "\",\"amountFen\":\"a lot\"}");
        PublishedEvent unreadable = new PublishedEvent(payment.eventId(), payment.aggregateType(), payment.aggregateId(),
                payment.sequence(), payment.globalIndex(), payment.type(), payment.revision(), payment.occurredAt(),
                payment.metadata(), corrupt);
        PublishedEvent later = story.paid(50_000, LocalDate.of(2025, 6, 9), PaymentSource.INSTALMENT);
        events().publish(new ArrayList<>(List.of(registered, unreadable, later)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode stall = api.json("/api/cases/" + story.caseId()).get("projectionStall");
            assertThat(stall.isNull()).isFalse();
            assertThat(stall.get("receivedSequence").asLong()).isEqualTo(2);
        });
        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("projectionStall").get("expectedSequence").asLong()).isEqualTo(1);
        assertThat(file.get("projectionStall").get("reason").asText()).contains("unreadable");
        assertThat(file.get("recoveredFen").asLong()).isZero();
    }

    private PublishedEvent register(CaseStory story, long claimedFen) {
        Worker worker = Worker.enrol(db, "工人", "3702031990010" + (10000 + workers++), "13800000000");
        return story.registered(worker, EmploymentForm.LABOR_CONTRACT, DisputeCategory.UNPAID_WAGES, IntakeChannel.WALK_IN,
                "市北区", claimedFen, LocalDate.of(2025, 6, 1));
    }
}

package org.mediationledger.query.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediationledger.query.ingest.IngestionOutcome.ALREADY_APPLIED;
import static org.mediationledger.query.ingest.IngestionOutcome.APPLIED;
import static org.mediationledger.query.ingest.IngestionOutcome.HELD_BEHIND_GAP;
import static org.mediationledger.query.ingest.IngestionOutcome.REDELIVERED;

/**
 * A polled batch goes into the views in one transaction (EventIngestion#ingest of a list), as the
 * consumer hands it over: each event exactly once, each case in order, and nothing of a batch kept
 * when it fails. The consumer itself (poison events found one at a time, offsets) is proven in
 * ConsumerResilienceTest, a rebalance in RebalanceTest.
 */
class BatchIngestionTest extends ProjectionTestBase {

    private static int workers;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "batch_ingestion", "mediation.events.batch-ingestion");
    }

    @Autowired
    EventIngestion ingestion;

    @Test
    void aBatchTakenIn_thenDeliveredWholeAgain_asAfterACrashBeforeItsOffsetsWereCommitted_changesTheViewsOnce() {
        CaseStory story = new CaseStory();
        List<PublishedEvent> batch = List.of(register(story, 500_000),
                story.paid(100_000, LocalDate.of(2025, 6, 2), PaymentSource.EMPLOYER_VOLUNTARY),
                story.paid(50_000, LocalDate.of(2025, 6, 3), PaymentSource.INSTALMENT),
                story.sessionHeld(LocalDate.of(2025, 6, 4), "分期付款"));

        assertThat(ingestion.ingest("crash-0", batch)).containsExactly(APPLIED, APPLIED, APPLIED, APPLIED);
        // the database committed, then the process died before the offsets were committed: all of it comes again,
        // from the topic, and once more straight in
        events().publish(batch);
        publishAndAwait(story.paid(25_000, LocalDate.of(2025, 6, 5), PaymentSource.INSTALMENT));
        assertThat(ingestion.ingest("crash-0", batch)).containsExactly(REDELIVERED, REDELIVERED, REDELIVERED, REDELIVERED);

        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("recoveredFen").asLong()).isEqualTo(175_000);
        assertThat(file.get("outstandingFen").asLong()).isEqualTo(325_000);
        assertThat(file.get("payments")).hasSize(3);
        assertThat(file.get("sessions")).hasSize(1);
        assertThat(file.get("timeline")).hasSize(5);
        assertThat(file.get("version").asLong()).isEqualTo(4);
        assertThat(db.queryForObject("SELECT count(*) FROM views.processed_event WHERE event_id IN (?, ?, ?, ?)", Long.class,
                batch.stream().map(PublishedEvent::eventId).toArray())).isEqualTo(4);
    }

    @Test
    void oneBatchOfSeveralCases_appliesEachInOrder_skipsRepeats_andHoldsOnlyTheCaseBehindAGap() {
        CaseStory paying = new CaseStory();
        PublishedEvent payingRegistered = register(paying, 300_000);
        PublishedEvent first = paying.paid(100_000, LocalDate.of(2025, 6, 2), PaymentSource.INSTALMENT);
        PublishedEvent second = paying.paid(100_000, LocalDate.of(2025, 6, 3), PaymentSource.INSTALMENT);
        PublishedEvent impostor = new PublishedEvent(UUID.randomUUID().toString(), first.aggregateType(),
                first.aggregateId(), first.sequence(), first.globalIndex(), first.type(), first.revision(),
                first.occurredAt(), first.metadata(), first.payload());
        CaseStory gapped = new CaseStory();
        PublishedEvent gappedRegistered = register(gapped, 200_000);
        PublishedEvent missing = gapped.paid(20_000, LocalDate.of(2025, 6, 2), PaymentSource.PLATFORM);
        PublishedEvent afterTheGap = gapped.paid(30_000, LocalDate.of(2025, 6, 3), PaymentSource.PLATFORM);

        List<IngestionOutcome> outcomes = ingestion.ingest("several-0", List.of(payingRegistered, gappedRegistered,
                first, afterTheGap, first, impostor, second));

        assertThat(outcomes).containsExactly(APPLIED, APPLIED, APPLIED, HELD_BEHIND_GAP, REDELIVERED, ALREADY_APPLIED, APPLIED);
        JsonNode payingFile = api.json("/api/cases/" + paying.caseId());
        assertThat(payingFile.get("recoveredFen").asLong()).isEqualTo(200_000);
        assertThat(payingFile.get("version").asLong()).isEqualTo(2);
        assertThat(payingFile.get("projectionStall").isNull()).isTrue();
        JsonNode gappedFile = api.json("/api/cases/" + gapped.caseId());
        assertThat(gappedFile.get("recoveredFen").asLong()).isZero();
        assertThat(gappedFile.get("projectionStall").get("expectedSequence").asLong()).isEqualTo(1);
        assertThat(gappedFile.get("projectionStall").get("receivedSequence").asLong()).isEqualTo(2);
        assertThat(gappedFile.get("projectionStall").get("reason").asText()).contains("sequence 1 missing");
        assertThat(db.queryForObject("SELECT count(*) FROM views.processed_event WHERE event_id = ?", Long.class,
                afterTheGap.eventId())).as("a held event is not processed: its replay must apply").isZero();
        assertThat(db.queryForObject("SELECT global_index FROM views.projection_position WHERE partition_key = 'several-0'",
                Long.class)).as("the highest index applied").isEqualTo(
                Math.max(Math.max(payingRegistered.globalIndex(), gappedRegistered.globalIndex()),
                        Math.max(first.globalIndex(), second.globalIndex())));

        // the missing payment and the held one again, in the next batch: the case catches up
        assertThat(ingestion.ingest("several-0", List.of(missing, afterTheGap))).containsExactly(APPLIED, APPLIED);
        JsonNode caughtUp = api.json("/api/cases/" + gapped.caseId());
        assertThat(caughtUp.get("recoveredFen").asLong()).isEqualTo(50_000);
        assertThat(caughtUp.get("version").asLong()).isEqualTo(2);
        assertThat(caughtUp.get("projectionStall").isNull()).isTrue();
        assertThat(db.queryForObject("SELECT stalled_since IS NULL AND stall_reason IS NULL FROM views.aggregate_sequence "
                + "WHERE aggregate_id = ?", Boolean.class, gapped.caseId())).isTrue();
    }

    /**
     * Small batches of several partitions go in as one transaction (as the consumer groups a poll's): each
     * partition's position moves to its own highest index, each case is applied in order, and a redelivery of
     * both batches changes nothing.
     */
    @Test
    void theBatchesOfTwoPartitionsInOneTransaction_eachMoveTheirOwnPosition_andCountOnceWhenDeliveredAgain() {
        CaseStory left = new CaseStory();
        CaseStory right = new CaseStory();
        List<PublishedEvent> leftBatch = List.of(register(left, 300_000),
                left.paid(10_000, LocalDate.of(2025, 6, 2), PaymentSource.INSTALMENT));
        List<PublishedEvent> rightBatch = List.of(register(right, 200_000),
                right.paid(20_000, LocalDate.of(2025, 6, 2), PaymentSource.PLATFORM),
                right.paid(30_000, LocalDate.of(2025, 6, 3), PaymentSource.PLATFORM));
        List<EventIngestion.PartitionEvents> together = List.of(new EventIngestion.PartitionEvents("together-0", leftBatch),
                new EventIngestion.PartitionEvents("together-1", rightBatch));

        assertThat(ingestion.ingest(together)).containsExactly(APPLIED, APPLIED, APPLIED, APPLIED, APPLIED);
        assertThat(ingestion.ingest(together)).containsOnly(REDELIVERED).hasSize(5);

        assertThat(api.json("/api/cases/" + left.caseId()).get("recoveredFen").asLong()).isEqualTo(10_000);
        assertThat(api.json("/api/cases/" + right.caseId()).get("recoveredFen").asLong()).isEqualTo(50_000);
        assertThat(api.json("/api/cases/" + right.caseId()).get("version").asLong()).isEqualTo(2);
        assertThat(db.queryForObject("SELECT global_index FROM views.projection_position WHERE partition_key = 'together-0'",
                Long.class)).isEqualTo(leftBatch.get(1).globalIndex());
        assertThat(db.queryForObject("SELECT global_index FROM views.projection_position WHERE partition_key = 'together-1'",
                Long.class)).isEqualTo(rightBatch.get(2).globalIndex());
    }

    @Test
    void aBatchInWhichOneEventFails_keepsNothingOfAnyEvent() {
        CaseStory story = new CaseStory();
        PublishedEvent registered = register(story, 400_000);
        PublishedEvent payment = story.paid(100_000, LocalDate.of(2025, 6, 2), PaymentSource.INSTALMENT);
        ObjectNode withoutPaidOn = ((ObjectNode) payment.payload().deepCopy());
        withoutPaidOn.remove("paidOn"); // reads, but violates case_payment.paid_on NOT NULL
        PublishedEvent bad = new PublishedEvent(payment.eventId(), payment.aggregateType(), payment.aggregateId(),
                payment.sequence(), payment.globalIndex(), payment.type(), payment.revision(), payment.occurredAt(),
                payment.metadata(), withoutPaidOn);
        CaseStory other = new CaseStory();
        PublishedEvent otherRegistered = register(other, 100_000);

        assertThatThrownBy(() -> ingestion.ingest("failing-0", List.of(otherRegistered, registered, bad)))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

        for (String caseId : List.of(story.caseId(), other.caseId())) {
            assertThat(db.queryForObject("SELECT count(*) FROM views.dispute_case WHERE case_id = ?", Long.class, caseId))
                    .isZero();
            assertThat(db.queryForObject("SELECT count(*) FROM views.aggregate_sequence WHERE aggregate_id = ?", Long.class,
                    caseId)).isZero();
        }
        assertThat(db.queryForObject("SELECT count(*) FROM views.processed_event WHERE event_id IN (?, ?, ?)", Long.class,
                otherRegistered.eventId(), registered.eventId(), bad.eventId())).isZero();
        assertThat(db.queryForList("SELECT global_index FROM views.projection_position WHERE partition_key = 'failing-0'",
                Long.class)).isEmpty();

        // taken one at a time (as the consumer then does), only the failing event's case is held
        assertThat(ingestion.ingest("failing-0", List.of(otherRegistered))).containsExactly(APPLIED);
        assertThat(ingestion.ingest("failing-0", List.of(registered))).containsExactly(APPLIED);
        assertThatThrownBy(() -> ingestion.ingest("failing-0", bad));
        assertThat(ingestion.refuse(bad, "could not be applied")).isEqualTo(IngestionOutcome.REFUSED);
        assertThat(api.json("/api/cases/" + other.caseId()).get("claimedFen").asLong()).isEqualTo(100_000);
        assertThat(api.json("/api/cases/" + story.caseId()).get("projectionStall").get("reason").asText())
                .isEqualTo("could not be applied");
    }

    /**
     * The fold keeps some writes back until the end of the batch (the timeline, sessions, versions, the
     * outstanding amount after a payment): a case whose whole story comes in one batch reads exactly as
     * the same story taken in one event per batch, including an agreement and an award that set the
     * amount owed between payments, and a snapshot point (its 20th event) in the middle.
     */
    @Test
    void aWholeStoryInOneBatch_readsAsTheSameStoryTakenOneEventAtATime() {
        CaseStory together = new CaseStory();
        CaseStory apart = new CaseStory();
        List<PublishedEvent> story = story(together);
        assertThat(ingestion.ingest("story-together", story)).allMatch(APPLIED::equals);
        for (PublishedEvent event : story(apart)) {
            assertThat(ingestion.ingest("story-apart", event)).isEqualTo(APPLIED);
        }

        JsonNode one = api.json("/api/cases/" + together.caseId());
        JsonNode other = api.json("/api/cases/" + apart.caseId());
        assertThat(one.get("version").asLong()).isEqualTo(story.size() - 1);
        assertThat(one.get("recoveredFen").asLong()).isEqualTo(20 * 1_000 + 50_000);
        assertThat(one.get("outstandingFen").asLong()).isEqualTo(400_000 - 70_000);
        assertThat(one.get("sessions")).hasSize(2);
        assertThat(one.get("timeline")).hasSize(story.size());
        for (String field : List.of("stage", "version", "recoveredFen", "outstandingFen", "agreedFen", "enforceableFen",
                "payments", "sessions", "deadlines")) {
            assertThat(withoutIds(one.get(field))).as(field).isNotNull().isEqualTo(withoutIds(other.get(field)));
        }
        assertThat(db.queryForObject("SELECT count(*) FROM views.case_file_snapshot WHERE case_id = ?", Long.class,
                together.caseId())).isEqualTo(1);

        // an award after a payment in the same batch: what is owed changed after the payment's figure was kept back
        CaseStory awarded = new CaseStory();
        assertThat(ingestion.ingest("story-award", List.of(register(awarded, 500_000),
                awarded.paid(1_000, LocalDate.of(2025, 6, 2), PaymentSource.EMPLOYER_VOLUNTARY),
                awarded.awardRecorded(400_000, LocalDate.of(2025, 6, 3))))).allMatch(APPLIED::equals);
        assertThat(api.json("/api/cases/" + awarded.caseId()).get("outstandingFen").asLong()).isEqualTo(399_000);
    }

    /** The payments' and sessions' own ids differ between the two stories; everything else must not. */
    private static JsonNode withoutIds(JsonNode value) {
        JsonNode copy = value == null ? null : value.deepCopy();
        if (copy != null && copy.isArray()) {
            copy.forEach(element -> {
                if (element instanceof ObjectNode object) {
                    object.remove(List.of("paymentId", "sessionId"));
                }
            });
        }
        return copy;
    }

    private List<PublishedEvent> story(CaseStory story) {
        List<PublishedEvent> events = new java.util.ArrayList<>(List.of(register(story, 500_000),
                story.mediatorAssigned("lawyer1", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 17), null),
                story.sessionHeld(LocalDate.of(2025, 6, 3), "第一次调解"),
                story.agreementReached(450_000, LocalDate.of(2025, 6, 5), List.of(
                        new org.mediationledger.events.common.Instalment(LocalDate.of(2025, 7, 1), 10_000),
                        new org.mediationledger.events.common.Instalment(LocalDate.of(2025, 8, 1), 440_000)))));
        for (int i = 0; i < 10; i++) {
            events.add(story.paid(1_000, LocalDate.of(2025, 6, 6 + i), PaymentSource.INSTALMENT));
        }
        events.add(story.awardRecorded(400_000, LocalDate.of(2025, 6, 20)));
        for (int i = 0; i < 10; i++) {
            events.add(story.paid(1_000, LocalDate.of(2025, 6, 21 + i), PaymentSource.COURT_ENFORCEMENT));
        }
        events.add(story.sessionHeld(LocalDate.of(2025, 7, 2), "执行回款"));
        events.add(story.paid(50_000, LocalDate.of(2025, 7, 3), PaymentSource.COURT_ENFORCEMENT));
        return events;
    }

    private PublishedEvent register(CaseStory story, long claimedFen) {
        Worker worker = Worker.enrol(db, "工人", "3702031990020" + (10000 + workers++), "13800000000");
        return story.registered(worker, EmploymentForm.LABOR_CONTRACT, DisputeCategory.UNPAID_WAGES, IntakeChannel.WALK_IN,
                "市北区", claimedFen, LocalDate.of(2025, 6, 1));
    }
}

package org.mediationledger.query.rebuild;

import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.events.worker.PersonalDataErased;
import org.mediationledger.query.ingest.EventIngestion;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.Envelopes;
import org.mediationledger.query.support.FundStory;
import org.mediationledger.query.support.LawyerEvents;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.TestDatabase;
import org.mediationledger.query.support.Worker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild folds each case from nothing, its events together, and copies its rows into fresh tables; the
 * live ingestion folds the same events batch by batch into the tables. Both run the one fold, so over
 * stories that take every event type (a case long enough for snapshots, repeated payment and session ids,
 * text that COPY must escape, an erasure, a relief fund, a type this side does not know), taken in live in
 * random batches, the rebuild finds no difference, and finds exactly the rows altered behind the views' back.
 */
class RebuildFoldTest extends ProjectionTestBase {

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "rebuild_fold", "mediation.events.rebuild-fold");
    }

    @Autowired
    EventIngestion ingestion;

    @Autowired
    Rebuilds rebuilds;

    @Test
    void theRebuiltViewsEqualTheLiveOnes_andARowAlteredBehindTheirBackIsFound() throws Exception {
        List<List<PublishedEvent>> stories = stories();
        List<PublishedEvent> all = stories.stream().flatMap(List::stream).toList();
        TestDatabase.storedWhole(db, all);
        // live: the stories interleaved (each one's events in order) in batches of 1 to 9 events, on two partitions
        Random random = new Random(7);
        List<List<PublishedEvent>> queues = stories.stream().map(ArrayList::new).collect(java.util.stream.Collectors.toList());
        List<PublishedEvent> interleaved = new ArrayList<>();
        while (!queues.isEmpty()) {
            List<PublishedEvent> queue = queues.get(random.nextInt(queues.size()));
            interleaved.add(queue.remove(0));
            queues.removeIf(List::isEmpty);
        }
        for (int from = 0; from < interleaved.size(); ) {
            int to = Math.min(interleaved.size(), from + 1 + random.nextInt(9));
            ingestion.ingest("rebuild-fold-" + (from % 2), interleaved.subList(from, to));
            from = to;
        }
        assertThat(TestDatabase.processedEvents(db)).isEqualTo(all.size());
        assertThat(db.queryForObject("SELECT count(*) FROM views.case_file_snapshot", Long.class)).as("snapshots taken live").isEqualTo(2);

        Rebuild clean = completed(rebuilds.start("auditor"));
        assertThat(clean.differenceCount()).as("%s", clean.differences()).isZero();
        assertThat(clean.eventsHeld()).isZero();
        assertThat(clean.eventsReplayed()).isEqualTo(all.size());
        assertThat(clean.rowsCompared()).isGreaterThan(all.size());

        String longCase = stories.get(0).get(0).aggregateId();
        db.update("UPDATE views.case_file_snapshot SET tables = jsonb_set(tables, '{dispute_case,0,recovered_fen}', '1') "
                + "WHERE case_id = ? AND sequence = 40", longCase);
        db.update("UPDATE views.case_timeline SET actor_id = 'someone else' WHERE case_id = ? AND sequence = 3", longCase);
        Rebuild found = completed(rebuilds.start("auditor"));
        assertThat(found.differences()).extracting(Rebuild.Difference::view, Rebuild.Difference::key)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("case_file_snapshot", longCase + "/40"),
                        org.assertj.core.groups.Tuple.tuple("case_timeline", longCase + "/3"));
        Rebuild.Difference timeline = found.differences().stream().filter(d -> d.view().equals("case_timeline")).findFirst().orElseThrow();
        assertThat(timeline.live().get("actor_id").asText()).isEqualTo("someone else");
        assertThat(timeline.rebuilt().get("actor_id").asText()).isEqualTo("lawyer1");

        // its tables are unlogged: after a database crash they are empty, and switching to them must not empty the views
        String schema = db.queryForObject("SELECT schema_name FROM views.rebuild WHERE rebuild_id = ?", String.class,
                found.rebuildId());
        db.execute("TRUNCATE " + schema + ".dispute_case, " + schema + ".case_payment, " + schema + ".case_timeline, "
                + schema + ".lawyer");
        assertThatThrownBy(() -> rebuilds.switchTo(found.rebuildId())).isInstanceOf(RebuildConflict.class)
                .hasMessageContaining("were emptied");
        assertThat(db.queryForObject("SELECT count(*) FROM views.dispute_case", Long.class)).isEqualTo(3);
    }

    private Rebuild completed(Rebuild started) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        Rebuild rebuild = started;
        while (rebuild.status().equals("RUNNING") && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            rebuild = rebuilds.find(started.rebuildId());
        }
        assertThat(rebuild.status()).as("%s", rebuild.failure()).isEqualTo("COMPLETED");
        return rebuild;
    }

    /** Each story's events in order; the first is the long case. */
    private List<List<PublishedEvent>> stories() {
        List<List<PublishedEvent>> stories = new ArrayList<>();
        LocalDate day = LocalDate.of(2025, 5, 6);

        // a long case: 45 events, so snapshots after its 20th and 40th; a session and a payment repeated; text COPY escapes
        Worker rider = Worker.enrol(db, "王\t骑手", "370203199001011234", "13800000001");
        CaseStory longCase = new CaseStory();
        List<PublishedEvent> first = new ArrayList<>();
        first.add(longCase.registered(rider, EmploymentForm.PLATFORM_COOPERATION, DisputeCategory.UNPAID_WAGES,
                IntakeChannel.COURT_REFERRAL, "市北区", 1_000_000, day));
        first.add(longCase.referredByCourt("court1", "(2025)鲁0203民初77号", day));
        first.add(longCase.mediatorAssigned("lawyer1", day, day.plusDays(30), null));
        first.add(longCase.sessionHeldWithId("s-1", day.plusDays(1), "第一次调解\n双方到场\\备注"));
        first.add(longCase.sessionHeldWithId("s-1", day.plusDays(2), "重复的场次编号"));
        first.add(longCase.extended(day.plusDays(45), day.plusDays(2)));
        first.add(longCase.agreementReached(600_000, day.plusDays(3), List.of(new Instalment(day.plusDays(10), 300_000),
                new Instalment(day.plusDays(40), 300_000))));
        first.add(longCase.instalmentOverdue(1, day.plusDays(10), 300_000));
        first.add(longCase.paidWithId("pay-1", 10_000, day.plusDays(11), PaymentSource.INSTALMENT));
        first.add(longCase.paidWithId("pay-1", 10_000, day.plusDays(11), PaymentSource.INSTALMENT));
        while (first.size() < 44) {
            first.add(longCase.paid(10_000, day.plusDays(12), PaymentSource.EMPLOYER_VOLUNTARY));
        }
        first.add(longCase.judiciallyConfirmed(day.plusDays(20), day.plusDays(25)));
        stories.add(first);

        // legal aid after a failed mediation, an award, enforcement ended, relief paid and partly recovered from a fund
        List<PublishedEvent> lawyers = List.of(LawyerEvents.registered("lawyer1", "调解员甲", 10),
                LawyerEvents.registered("aid1", "援助律师乙", 10), LawyerEvents.registered("aid2", "援助律师丙", 10));
        stories.add(lawyers);
        FundStory fund = new FundStory();
        Worker driver = Worker.enrol(db, "李司机", "370203198502023456", "13800000002");
        CaseStory aided = new CaseStory();
        stories.add(List.of(
                aided.registered(driver, EmploymentForm.LABOR_CONTRACT, DisputeCategory.UNPAID_WAGES, IntakeChannel.WALK_IN,
                        "李沧区", 800_000, day),
                aided.mediatorAssigned("lawyer1", day, day.plusDays(15), null),
                aided.mediationPeriodLapsed(false),
                aided.mediationFailed(day.plusDays(16)),
                aided.legalAidApplied(day.plusDays(17)),
                aided.legalAidDecisionOverdue(day.plusDays(17)),
                aided.legalAidAssigned("aid1", "lawyer1", day.plusDays(26), false),
                aided.legalAidReassigned("aid1", "aid2", day.plusDays(27)),
                aided.awardRecorded(700_000, day.plusDays(60)),
                aided.paid(100_000, day.plusDays(61), PaymentSource.COURT_ENFORCEMENT),
                aided.enforcementTerminated(day.plusDays(90)),
                aided.reliefApplied(fund.fundId(), driver.claimantKey(), 300_000, day.plusDays(91)),
                aided.reliefApproved(fund.fundId(), 300_000, day.plusDays(92)),
                aided.reliefPaid(fund.fundId(), 300_000, day.plusDays(93)),
                aided.reliefRecovered(fund.fundId(), "rec-1", 50_000, day.plusDays(94), 50_000, 250_000),
                aided.closed(ClosureOutcome.RELIEF_PAID, day.plusDays(95)),
                aided.unknownEvent("CaseArchivedByANewerWriter")));
        stories.add(List.of(fund.established(300_000), fund.contributed("市总工会", 5_000_000),
                fund.reserved(aided.caseId(), 300_000), fund.paidOut(aided.caseId(), 300_000), fund.recovered(aided.caseId(), 50_000)));

        // a withdrawn case whose worker's personal data is then erased
        Worker courier = Worker.enrol(db, "张快递", "370203199203034567", "13800000003");
        CaseStory withdrawn = new CaseStory();
        stories.add(List.of(
                withdrawn.registered(courier, EmploymentForm.LABOR_DISPATCH, DisputeCategory.UNPAID_WAGES, IntakeChannel.HOTLINE,
                        "崂山区", 200_000, day),
                withdrawn.mediatorAssigned("lawyer1", day, day.plusDays(15), null),
                withdrawn.closed(ClosureOutcome.WITHDRAWN, day.plusDays(3)),
                Envelopes.wrap(courier.claimantKey(), 0, new PersonalDataErased(courier.claimantKey(), "本人申请", day.plusDays(4)),
                        "staff", "UNION_STAFF")));
        return stories;
    }
}

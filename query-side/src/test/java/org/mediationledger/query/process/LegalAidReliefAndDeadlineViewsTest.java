package org.mediationledger.query.process;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.FundStory;
import org.mediationledger.query.support.LawyerEvents;
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

/**
 * The views of issue 3 at a fixed day (2025-06-10, FixedBusinessDay): legal aid moving a case between
 * lawyers, every deadline with what is due next, dueSoon and overdue, relief on the case file and in the
 * report, the relief-fund ledger, and referral outcomes per court.
 */
class LegalAidReliefAndDeadlineViewsTest extends ProjectionTestBase {

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "process_views", "mediation.events");
    }

    private CaseStory registeredCase(String district, LocalDate registeredOn, List<PublishedEvent> sent) {
        Worker worker = Worker.enrol(db, "刘洋", "37020319880506001X", "13912345678");
        CaseStory story = new CaseStory();
        sent.add(story.registered(worker, EmploymentForm.LABOR_DISPATCH, DisputeCategory.UNPAID_WAGES, IntakeChannel.HOTLINE,
                district, 600_000, registeredOn));
        return story;
    }

    @Test
    void legalAid_movesTheCaseFromTheMediatorToTheLegalAidLawyer_inTheCaseFileAndTheCaseload() {
        List<PublishedEvent> sent = new ArrayList<>(List.of(LawyerEvents.registered("aidM", "调解员", 10),
                LawyerEvents.registered("aidL", "援助律师", 10)));
        CaseStory story = registeredCase("李沧区", LocalDate.of(2025, 6, 1), sent);
        sent.add(story.mediatorAssigned("aidM", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 15), null));
        sent.add(story.mediationFailed(LocalDate.of(2025, 6, 3)));
        sent.add(story.legalAidApplied(LocalDate.of(2025, 6, 4)));
        publishAndAwait(sent);

        JsonNode applied = api.json("/api/cases/" + story.caseId());
        assertThat(applied.get("legalAid").get("decisionDueOn").asText()).isEqualTo("2025-06-11");
        assertThat(applied.get("nextDue").asText()).as("the legal-aid decision (Legal Aid Law art. 43)").isEqualTo("2025-06-11");
        assertThat(lawyer("aidM").get("dueSoon").asLong()).isEqualTo(1);

        publishAndAwait(story.legalAidAssigned("aidL", "aidM", LocalDate.of(2025, 6, 6), false));
        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("stage").asText()).isEqualTo("LEGAL_AID");
        assertThat(file.get("mediatorId").asText()).isEqualTo("aidM");
        assertThat(file.get("legalAidLawyerId").asText()).isEqualTo("aidL");
        assertThat(file.get("responsibleLawyerId").asText()).isEqualTo("aidL");
        assertThat(file.get("legalAid").get("basis").asText()).isEqualTo("MIGRANT_WORKER_WAGE_CLAIM");
        assertThat(deadline(file, "LEGAL_AID_DECISION").get("status").asText()).isEqualTo("MET");
        assertThat(file.get("nextDue").isNull()).isTrue();
        assertThat(lawyer("aidM").get("activeCases").asLong()).as("the mediator is released").isZero();
        assertThat(lawyer("aidL").get("activeCases").asLong()).isEqualTo(1);
        assertThat(lawyer("aidL").get("byStage").get("LEGAL_AID").asLong()).isEqualTo(1);

        publishAndAwait(story.legalAidReassigned("aidL", "aidM", LocalDate.of(2025, 6, 8)));
        assertThat(lawyer("aidL").get("activeCases").asLong()).isZero();
        assertThat(lawyer("aidM").get("activeCases").asLong()).isEqualTo(1);
    }

    @Test
    void caseReturnedToCourt_reopenedByLegalAid_countsAgain() {
        List<PublishedEvent> sent = new ArrayList<>(List.of(LawyerEvents.registered("reopenL", "援助律师", 10)));
        CaseStory story = registeredCase("市北区", LocalDate.of(2025, 5, 20), sent);
        sent.add(story.referredByCourt("court2", "(2025)鲁0203民初99号", LocalDate.of(2025, 5, 20)));
        sent.add(story.mediatorAssigned("reopenL", LocalDate.of(2025, 5, 21), LocalDate.of(2025, 5, 28), null));
        sent.add(story.mediationPeriodLapsed(true));
        sent.add(story.closed(ClosureOutcome.RETURNED_TO_COURT, LocalDate.of(2025, 5, 30)));
        publishAndAwait(sent);
        assertThat(lawyer("reopenL").get("activeCases").asLong()).isZero();

        publishAndAwait(story.legalAidAssigned("reopenL", null, LocalDate.of(2025, 6, 5), true));
        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("stage").asText()).isEqualTo("LEGAL_AID");
        assertThat(file.get("closure").isNull()).isTrue();
        assertThat(lawyer("reopenL").get("activeCases").asLong()).isEqualTo(1);
    }

    @Test
    void instalmentOverdue_countsAsOverdue_untilItIsPaid_andTheCaseListFiltersByIt() {
        List<PublishedEvent> sent = new ArrayList<>(List.of(LawyerEvents.registered("dueL", "律师", 10)));
        CaseStory story = registeredCase("崂山区", LocalDate.of(2025, 5, 10), sent);
        sent.add(story.mediatorAssigned("dueL", LocalDate.of(2025, 5, 11), LocalDate.of(2025, 5, 24), null));
        sent.add(story.agreementReached(400_000, LocalDate.of(2025, 5, 20), List.of(
                new Instalment(LocalDate.of(2025, 6, 5), 200_000), new Instalment(LocalDate.of(2025, 6, 15), 200_000))));
        sent.add(story.instalmentOverdue(1, LocalDate.of(2025, 6, 5), 200_000));
        publishAndAwait(sent);

        JsonNode file = api.json("/api/cases/" + story.caseId());
        JsonNode first = instalment(file, 1);
        assertThat(first.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(first.get("resolved").asBoolean()).isFalse();
        assertThat(file.get("nextDue").asText()).as("the second instalment").isEqualTo("2025-06-15");
        assertThat(lawyer("dueL").get("overdue").asLong()).isEqualTo(1);
        assertThat(lawyer("dueL").get("dueSoon").asLong()).as("2025-06-15 is within 7 days of 2025-06-10").isEqualTo(1);
        assertThat(caseIds("/api/cases?overdue=true")).contains(story.caseId());

        publishAndAwait(story.paid(200_000, LocalDate.of(2025, 6, 9), PaymentSource.INSTALMENT));
        JsonNode paid = api.json("/api/cases/" + story.caseId());
        assertThat(instalment(paid, 1).get("status").asText()).isEqualTo("OVERDUE");
        assertThat(instalment(paid, 1).get("resolved").asBoolean()).as("made good by the late payment").isTrue();
        assertThat(lawyer("dueL").get("overdue").asLong()).isZero();
        assertThat(caseIds("/api/cases?overdue=true")).doesNotContain(story.caseId());

        publishAndAwait(story.closed(ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 6, 10)));
        assertThat(instalment(api.json("/api/cases/" + story.caseId()), 2).get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void confirmationWindow_lapses_orIsMetByConfirmation() {
        List<PublishedEvent> sent = new ArrayList<>(List.of(LawyerEvents.registered("confL", "律师", 10)));
        CaseStory lapsed = registeredCase("市北区", LocalDate.of(2025, 4, 1), sent);
        sent.add(lapsed.mediatorAssigned("confL", LocalDate.of(2025, 4, 2), LocalDate.of(2025, 4, 15), null));
        sent.add(lapsed.agreementReached(300_000, LocalDate.of(2025, 4, 5), List.of()));
        sent.add(lapsed.confirmationWindowLapsed(LocalDate.of(2025, 5, 5)));
        CaseStory confirmed = registeredCase("市北区", LocalDate.of(2025, 4, 1), sent);
        sent.add(confirmed.mediatorAssigned("confL", LocalDate.of(2025, 4, 2), LocalDate.of(2025, 4, 15), null));
        sent.add(confirmed.agreementReached(300_000, LocalDate.of(2025, 4, 5), List.of()));
        sent.add(confirmed.judiciallyConfirmed(LocalDate.of(2025, 4, 20), LocalDate.of(2025, 4, 25)));
        publishAndAwait(sent);

        assertThat(deadline(api.json("/api/cases/" + lapsed.caseId()), "CONFIRMATION_WINDOW").get("status").asText()).isEqualTo("LAPSED");
        assertThat(deadline(api.json("/api/cases/" + confirmed.caseId()), "CONFIRMATION_WINDOW").get("status").asText()).isEqualTo("MET");
        assertThat(lawyer("confL").get("overdue").asLong()).isEqualTo(1);
    }

    @Test
    void relief_showsOnTheCaseFile_inTheReport_andInTheFundsLedger() {
        FundStory fund = new FundStory();
        List<PublishedEvent> sent = new ArrayList<>(List.of(LawyerEvents.registered("reliefL", "律师", 10),
                fund.established(300_000), fund.contributed("青岛某某物流有限公司", 3_000_000), fund.contributed("市总工会", 2_000_000)));
        CaseStory paidCase = registeredCase("即墨区", LocalDate.of(2025, 3, 1), sent);
        sent.add(paidCase.mediatorAssigned("reliefL", LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 16), null));
        sent.add(paidCase.mediationFailed(LocalDate.of(2025, 3, 5)));
        sent.add(paidCase.awardRecorded(600_000, LocalDate.of(2025, 4, 20)));
        sent.add(paidCase.enforcementTerminated(LocalDate.of(2025, 5, 20)));
        sent.add(paidCase.reliefApplied(fund.fundId(), "k1", 800_000, LocalDate.of(2025, 6, 1)));
        sent.add(fund.reserved(paidCase.caseId(), 300_000));
        sent.add(paidCase.reliefApproved(fund.fundId(), 300_000, LocalDate.of(2025, 6, 1)));
        sent.add(fund.paidOut(paidCase.caseId(), 300_000));
        sent.add(paidCase.reliefPaid(fund.fundId(), 300_000, LocalDate.of(2025, 6, 5)));
        sent.add(paidCase.paid(200_000, LocalDate.of(2025, 6, 8), PaymentSource.COURT_ENFORCEMENT));
        sent.add(paidCase.reliefRecovered(fund.fundId(), "p", 200_000, LocalDate.of(2025, 6, 8), 200_000, 100_000));
        sent.add(fund.recovered(paidCase.caseId(), 200_000));
        CaseStory rejectedCase = registeredCase("即墨区", LocalDate.of(2025, 3, 1), sent);
        sent.add(rejectedCase.awardRecorded(500_000, LocalDate.of(2025, 4, 20)));
        sent.add(rejectedCase.enforcementTerminated(LocalDate.of(2025, 5, 20)));
        sent.add(rejectedCase.reliefApplied(fund.fundId(), "k1", 800_000, LocalDate.of(2025, 6, 1)));
        sent.add(fund.refused(rejectedCase.caseId(), ReliefRejectionReason.WORKER_CAP_REACHED));
        sent.add(rejectedCase.reliefRejected(fund.fundId(), ReliefRejectionReason.WORKER_CAP_REACHED, "cap used"));
        publishAndAwait(sent);

        JsonNode paid = api.json("/api/cases/" + paidCase.caseId());
        assertThat(paid.get("relief").get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("relief").get("amountFen").asLong()).isEqualTo(300_000);
        assertThat(paid.get("relief").get("repaidFen").asLong()).isEqualTo(200_000);
        assertThat(paid.get("reliefPaidFen").asLong()).isEqualTo(300_000);
        assertThat(paid.get("outstandingFen").asLong()).as("relief does not reduce what the employer owes").isEqualTo(400_000);
        JsonNode rejected = api.json("/api/cases/" + rejectedCase.caseId());
        assertThat(rejected.get("relief").get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("relief").get("reason").asText()).isEqualTo("WORKER_CAP_REACHED");

        JsonNode district = reportRow("/api/reports/recovered-wages?groupBy=district", "即墨区");
        assertThat(district.get("reliefPaidFen").asLong()).isEqualTo(300_000);
        assertThat(api.getAccepting("/api/reports/recovered-wages?groupBy=district", "text/csv").body()).contains("reliefPaidFen");

        JsonNode ledger = api.json("/api/relief-funds/" + fund.fundId());
        assertThat(ledger.get("contributedFen").asLong()).isEqualTo(5_000_000);
        assertThat(ledger.get("reservedFen").asLong()).isZero();
        assertThat(ledger.get("paidFen").asLong()).isEqualTo(300_000);
        assertThat(ledger.get("recoveredFen").asLong()).isEqualTo(200_000);
        assertThat(ledger.get("balanceFen").asLong()).isEqualTo(5_000_000 - 300_000 + 200_000);
        assertThat(ledger.get("availableFen").asLong()).isEqualTo(4_900_000);
        List<String> kinds = new ArrayList<>();
        ledger.get("entries").forEach(entry -> kinds.add(entry.get("kind").asText()));
        assertThat(kinds).containsExactly("CONTRIBUTION", "CONTRIBUTION", "RESERVATION", "PAYOUT", "RECOVERY", "RESERVATION_REFUSED");
        assertThat(api.json("/api/relief-funds").get("funds")).isNotEmpty();

        // a fund event delivered again changes nothing
        events().publish(List.of(sent.get(2)));
        publishAndAwait(fund.contributed("某公司", 1));
        assertThat(api.json("/api/relief-funds/" + fund.fundId()).get("contributedFen").asLong()).isEqualTo(5_000_001);
    }

    @Test
    void fundLedger_isForStaffAndAuditors_theListAlsoForLawyers_unknownIs404_andANonUuidIs400() {
        assertThat(api.get("/api/relief-funds", "lawyer1", QuerySideUnderTest.PASSWORD, "application/json").statusCode())
                .as("a lawyer applying for relief names a fund from the list").isEqualTo(200);
        assertThat(api.get("/api/relief-funds/" + UUID.randomUUID(), "lawyer1", QuerySideUnderTest.PASSWORD, "application/json")
                .statusCode()).isEqualTo(403);
        assertThat(api.get("/api/relief-funds", "court1", QuerySideUnderTest.PASSWORD, "application/json").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/relief-funds/" + UUID.randomUUID(), "staff", QuerySideUnderTest.PASSWORD, "application/json")
                .statusCode()).isEqualTo(404);
        assertThat(api.get("/api/relief-funds/not-a-fund").statusCode()).isEqualTo(400);
    }

    @Test
    void courts_showTheirReferralsOutcomes_andACourtLiaisonSeesOnlyTheirOwnCourt() {
        List<PublishedEvent> sent = new ArrayList<>(List.of(LawyerEvents.registered("courtL", "律师", 10)));
        CaseStory agreed = registeredCase("市北区", LocalDate.of(2025, 5, 1), sent);
        sent.add(agreed.referredByCourt("court1", "(2025)鲁0203民初1号", LocalDate.of(2025, 5, 1)));
        sent.add(agreed.mediatorAssigned("courtL", LocalDate.of(2025, 5, 2), LocalDate.of(2025, 5, 9), null));
        sent.add(agreed.agreementReached(250_000, LocalDate.of(2025, 5, 6), List.of()));
        CaseStory returned = registeredCase("市北区", LocalDate.of(2025, 5, 1), sent);
        sent.add(returned.referredByCourt("court1", "(2025)鲁0203民初2号", LocalDate.of(2025, 5, 1)));
        sent.add(returned.mediatorAssigned("courtL", LocalDate.of(2025, 5, 2), LocalDate.of(2025, 5, 9), null));
        sent.add(returned.mediationFailed(LocalDate.of(2025, 5, 5)));
        sent.add(returned.closed(ClosureOutcome.RETURNED_TO_COURT, LocalDate.of(2025, 5, 6)));
        CaseStory pending = registeredCase("市北区", LocalDate.of(2025, 6, 1), sent);
        sent.add(pending.referredByCourt("court2", "(2025)鲁0203民初3号", LocalDate.of(2025, 6, 1)));
        publishAndAwait(sent);

        JsonNode all = Api.parse(api.get("/api/caseload/courts", "staff", QuerySideUnderTest.PASSWORD, "application/json").body());
        JsonNode court1 = court(all, "court1");
        assertThat(court1.get("referrals").asLong()).isEqualTo(2);
        assertThat(court1.get("agreed").asLong()).isEqualTo(1);
        assertThat(court1.get("failed").asLong()).isEqualTo(1);
        assertThat(court1.get("returnedToCourt").asLong()).isEqualTo(1);
        assertThat(court1.get("agreedFen").asLong()).isEqualTo(250_000);
        assertThat(court(all, "court2").get("pending").asLong()).isEqualTo(1);

        JsonNode own = Api.parse(api.get("/api/caseload/courts", "court2", QuerySideUnderTest.PASSWORD, "application/json").body());
        assertThat(own.get("courts")).hasSize(1);
        assertThat(own.get("courts").get(0).get("court").asText()).isEqualTo("court2");
        assertThat(api.get("/api/caseload/courts", "lawyer1", QuerySideUnderTest.PASSWORD, "application/json").statusCode())
                .isEqualTo(403);
    }

    private JsonNode lawyer(String lawyerId) {
        for (JsonNode lawyer : api.json("/api/caseload").get("lawyers")) {
            if (lawyer.get("lawyerId").asText().equals(lawyerId)) {
                return lawyer;
            }
        }
        throw new AssertionError("no lawyer " + lawyerId + " in the caseload");
    }

    private static JsonNode deadline(JsonNode file, String kind) {
        for (JsonNode deadline : file.get("deadlines")) {
            if (deadline.get("kind").asText().equals(kind)) {
                return deadline;
            }
        }
        throw new AssertionError("no " + kind + " deadline in " + file.get("deadlines"));
    }

    private static JsonNode instalment(JsonNode file, int number) {
        for (JsonNode deadline : file.get("deadlines")) {
            if (deadline.get("kind").asText().equals("INSTALMENT") && deadline.get("number").asInt() == number) {
                return deadline;
            }
        }
        throw new AssertionError("no instalment " + number + " in " + file.get("deadlines"));
    }

    private List<String> caseIds(String path) {
        List<String> ids = new ArrayList<>();
        api.json(path).get("items").forEach(item -> ids.add(item.get("caseId").asText()));
        return ids;
    }

    private JsonNode reportRow(String path, String key) {
        for (JsonNode row : api.json(path).get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key);
    }

    private static JsonNode court(JsonNode courts, String court) {
        for (JsonNode row : courts.get("courts")) {
            if (row.get("court").asText().equals(court)) {
                return row;
            }
        }
        throw new AssertionError("no court " + court + " in " + courts);
    }
}

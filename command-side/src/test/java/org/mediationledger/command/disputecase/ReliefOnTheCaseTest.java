package org.mediationledger.command.disputecase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApplyForRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApproveRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.CloseCase;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordReliefPaid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordWagePayment;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RejectRelief;
import org.mediationledger.events.common.AwardKind;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.disputecase.AwardRecorded;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.EnforcementTerminated;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.ReliefApplied;
import org.mediationledger.events.disputecase.ReliefApproved;
import org.mediationledger.events.disputecase.ReliefPaid;
import org.mediationledger.events.disputecase.ReliefRecovered;
import org.mediationledger.events.disputecase.ReliefRejected;
import org.mediationledger.events.disputecase.WagePaymentRecorded;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.mediationledger.command.disputecase.DisputeCaseTest.CASE;
import static org.mediationledger.command.disputecase.DisputeCaseTest.mediatorAssigned;
import static org.mediationledger.command.disputecase.DisputeCaseTest.registered;

/**
 * The case's side of relief (DOMAIN.md steps 7-9): who may apply, one payout per case, approval within
 * what is outstanding, and the fund repaid first from later recoveries. The fund's side and the saga
 * between them are tested in the relief package.
 */
class ReliefOnTheCaseTest {

    static final String FUND = "fund-1";
    static final LocalDate TERMINATED = LocalDate.of(2025, 10, 20);
    static final LocalDate APPLIED_ON = LocalDate.of(2025, 10, 22);
    static final long AWARDED = 600_000;

    private FixtureConfiguration<DisputeCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DisputeCase.class);
        fixture.registerInjectableResource(new InMemoryCaseloads().with("lawyer1", 10, 3));
    }

    /** Mediation failed, an award of 6,000 yuan, 1,000 paid, then enforcement ended with 5,000 outstanding. */
    static List<Object> enforcementEnded() {
        List<Object> history = new ArrayList<>(List.of(registered(AWARDED), mediatorAssigned(),
                new MediationFailed(CASE, "雇主失联", LocalDate.of(2025, 6, 10)),
                new AwardRecorded(CASE, AwardKind.ARBITRATION_AWARD, AWARDED, LocalDate.of(2025, 8, 20), "青劳人仲案字〔2025〕第101号"),
                new WagePaymentRecorded(CASE, "p1", 100_000, LocalDate.of(2025, 9, 1), PaymentSource.COURT_ENFORCEMENT,
                        AWARDED, 100_000, 500_000),
                new EnforcementTerminated(CASE, "court1", "(2025)鲁0203执301号之一", TERMINATED, 500_000)));
        return history;
    }

    static List<Object> with(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }

    static ApplyForRelief apply(long requested) {
        return new ApplyForRelief(CASE, FUND, requested, "家中老人患病", APPLIED_ON, null);
    }

    static ReliefApplied applied(long requested) {
        return new ReliefApplied(CASE, FUND, "worker-1", requested, "家中老人患病", APPLIED_ON, 500_000);
    }

    @Test
    void applicationBeforeEnforcementEnded_isRefused_DomainStep7() {
        fixture.given(registered(AWARDED), mediatorAssigned())
                .when(apply(300_000))
                .expectException(ProcessRuleViolation.class)
                .expectExceptionMessage(containsString("after the court ended enforcement"));
    }

    @Test
    void applicationAfterEnforcementEnded_recordsTheWorkersKeyAndWhatIsOutstanding() {
        fixture.given(enforcementEnded())
                .when(apply(800_000))
                .expectEvents(applied(800_000));
    }

    @Test
    void applicationForNothing_isInvalid() {
        fixture.given(enforcementEnded())
                .when(apply(0))
                .expectException(InvalidCommand.class);
    }

    @Test
    void repeatedApplicationWhilePending_isTheSameApplication_andADifferentOneConflicts() {
        fixture.given(with(enforcementEnded(), applied(800_000))).when(apply(800_000)).expectNoEvents();
        fixture.given(with(enforcementEnded(), applied(800_000))).when(apply(200_000)).expectException(ConflictingRepeat.class);
    }

    @Test
    void approval_withinWhatIsOutstanding_isRecorded() {
        fixture.given(with(enforcementEnded(), applied(800_000)))
                .when(new ApproveRelief(CASE, FUND, 300_000, APPLIED_ON))
                .expectEvents(new ReliefApproved(CASE, FUND, 300_000, APPLIED_ON));
    }

    @Test
    void approval_beyondWhatIsOutstandingNow_isRefused_soTheSagaReleasesTheReservation() {
        WagePaymentRecorded paidMeanwhile = new WagePaymentRecorded(CASE, "p2", 400_000, LocalDate.of(2025, 10, 23),
                PaymentSource.COURT_ENFORCEMENT, AWARDED, 500_000, 100_000);
        fixture.given(with(enforcementEnded(), applied(800_000), paidMeanwhile))
                .when(new ApproveRelief(CASE, FUND, 300_000, APPLIED_ON))
                .expectException(ProcessRuleViolation.class);
    }

    @Test
    void rejection_endsTheApplication_andTheWorkerMayApplyAgain() {
        ReliefRejected rejected = new ReliefRejected(CASE, FUND, ReliefRejectionReason.INSUFFICIENT_BALANCE, "available 0 fen");
        fixture.given(with(enforcementEnded(), applied(800_000)))
                .when(new RejectRelief(CASE, FUND, ReliefRejectionReason.INSUFFICIENT_BALANCE, "available 0 fen"))
                .expectEvents(rejected);
        fixture.given(with(enforcementEnded(), applied(800_000), rejected))
                .when(apply(800_000))
                .expectEvents(applied(800_000));
    }

    @Test
    void onePayoutPerCase_aSecondApplicationAfterApprovalIsRefused_DomainStep8() {
        fixture.given(with(enforcementEnded(), applied(800_000), new ReliefApproved(CASE, FUND, 300_000, APPLIED_ON),
                        new ReliefPaid(CASE, FUND, 300_000, APPLIED_ON)))
                .when(new ApplyForRelief(CASE, "fund-2", 100_000, "再次申请", APPLIED_ON, null))
                .expectException(ProcessRuleViolation.class)
                .expectExceptionMessage(containsString("one relief payout per case"));
    }

    @Test
    void payout_isRecordedOnce_andDoesNotReduceWhatTheEmployerOwes() {
        List<Object> approved = with(enforcementEnded(), applied(800_000), new ReliefApproved(CASE, FUND, 300_000, APPLIED_ON));
        fixture.given(approved)
                .when(new RecordReliefPaid(CASE, FUND, 300_000, APPLIED_ON))
                .expectEvents(new ReliefPaid(CASE, FUND, 300_000, APPLIED_ON));
        fixture.given(with(approved, new ReliefPaid(CASE, FUND, 300_000, APPLIED_ON)))
                .when(new RecordReliefPaid(CASE, FUND, 300_000, APPLIED_ON))
                .expectNoEvents();
        // the employer still owes the whole 5,000 yuan: it can be paid in full afterwards
        fixture.given(with(approved, new ReliefPaid(CASE, FUND, 300_000, APPLIED_ON)))
                .when(new RecordWagePayment(CASE, "p9", 500_000, LocalDate.of(2025, 12, 1), PaymentSource.COURT_ENFORCEMENT, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void laterRecoveries_repayTheFundFirst_DomainStep8() {
        List<Object> paid = with(enforcementEnded(), applied(800_000), new ReliefApproved(CASE, FUND, 300_000, APPLIED_ON),
                new ReliefPaid(CASE, FUND, 300_000, APPLIED_ON));
        LocalDate later = LocalDate.of(2026, 1, 15);
        fixture.given(paid)
                .when(new RecordWagePayment(CASE, "p2", 200_000, later, PaymentSource.COURT_ENFORCEMENT, null))
                .expectEvents(new WagePaymentRecorded(CASE, "p2", 200_000, later, PaymentSource.COURT_ENFORCEMENT, AWARDED, 300_000, 300_000),
                        new ReliefRecovered(CASE, FUND, "p2", 200_000, later, 200_000, 100_000));
        // only what the fund is still owed goes to it
        fixture.given(with(paid, new WagePaymentRecorded(CASE, "p2", 200_000, later, PaymentSource.COURT_ENFORCEMENT, AWARDED, 300_000, 300_000),
                        new ReliefRecovered(CASE, FUND, "p2", 200_000, later, 200_000, 100_000)))
                .when(new RecordWagePayment(CASE, "p3", 250_000, later, PaymentSource.COURT_ENFORCEMENT, null))
                .expectEvents(new WagePaymentRecorded(CASE, "p3", 250_000, later, PaymentSource.COURT_ENFORCEMENT, AWARDED, 550_000, 50_000),
                        new ReliefRecovered(CASE, FUND, "p3", 100_000, later, 300_000, 0));
    }

    @Test
    void closureAsReliefPaid_needsAPayout() {
        fixture.given(enforcementEnded())
                .when(new CloseCase(CASE, ClosureOutcome.RELIEF_PAID, APPLIED_ON, null))
                .expectException(ProcessRuleViolation.class);
        fixture.given(with(enforcementEnded(), applied(800_000), new ReliefApproved(CASE, FUND, 300_000, APPLIED_ON),
                        new ReliefPaid(CASE, FUND, 300_000, APPLIED_ON)))
                .when(new CloseCase(CASE, ClosureOutcome.RELIEF_PAID, APPLIED_ON, null))
                .expectEvents(new CaseClosed(CASE, ClosureOutcome.RELIEF_PAID, APPLIED_ON));
    }

    @Test
    void closureWhileAnApplicationIsBeingDecided_isRefused() {
        fixture.given(with(enforcementEnded(), applied(800_000)))
                .when(new CloseCase(CASE, ClosureOutcome.WITHDRAWN, APPLIED_ON, null))
                .expectException(ProcessRuleViolation.class)
                .expectExceptionMessage(containsString("being decided"));
    }
}

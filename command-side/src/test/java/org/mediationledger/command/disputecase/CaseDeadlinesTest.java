package org.mediationledger.command.disputecase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.CaseDeadlines.ConfirmationWindowEnds;
import org.mediationledger.command.disputecase.CaseDeadlines.InstalmentFallsDue;
import org.mediationledger.command.disputecase.CaseDeadlines.MediationPeriodEnds;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignMediator;
import org.mediationledger.command.disputecase.DisputeCaseCommands.CloseCase;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ConfirmAgreementJudicially;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ExtendMediation;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ReachAgreement;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordMediationFailure;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordWagePayment;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.disputecase.ConfirmationWindowLapsed;
import org.mediationledger.events.disputecase.InstalmentOverdue;
import org.mediationledger.events.disputecase.MediationPeriodLapsed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediationledger.command.disputecase.DisputeCaseTest.APPLIED;
import static org.mediationledger.command.disputecase.DisputeCaseTest.CASE;
import static org.mediationledger.command.disputecase.DisputeCaseTest.referral2025;
import static org.mediationledger.command.disputecase.DisputeCaseTest.registered;

/**
 * Deadlines the case schedules, cancels when met, and records as lapsed or overdue when not
 * (DOMAIN.md, "Deadlines"; docs/deadlines.md). Time is moved with the fixture's deadline manager.
 */
class CaseDeadlinesTest {

    static final LocalDate RECEIVED = LocalDate.of(2025, 6, 4);
    /** Union mediation: 15 days from the worker's application (LDMAL art. 14). */
    static final LocalDate UNION_LAST_DAY = APPLIED.plusDays(15);
    static final Instant MORNING_OF_RECEIPT = Instant.parse("2025-06-04T01:00:00Z");
    static final LocalDate EFFECTIVE = LocalDate.of(2025, 6, 10);

    private FixtureConfiguration<DisputeCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DisputeCase.class);
        fixture.registerInjectableResource(new InMemoryCaseloads().with("lawyer1", 10, 3).with("lawyer3", 10, 0));
    }

    static AssignMediator assign(String lawyer, LocalDate on) {
        return new AssignMediator(CASE, lawyer, on, null, null);
    }

    static ReachAgreement agreement(List<Instalment> instalments, long agreed) {
        return new ReachAgreement(CASE, agreed, EFFECTIVE, instalments, null);
    }

    @Test
    void aPeriodEnding_onDayD_endsAtMidnightAfterD_inShanghai() {
        assertThat(CaseDeadlines.endOf(LocalDate.of(2025, 6, 17))).isEqualTo(Instant.parse("2025-06-17T16:00:00Z"));
    }

    @Test
    void unionMediation_isScheduledFor15DaysFromTheApplication_LDMALArt14() {
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .when(assign("lawyer1", RECEIVED))
                .expectScheduledDeadline(CaseDeadlines.endOf(UNION_LAST_DAY), new MediationPeriodEnds(UNION_LAST_DAY));
    }

    @Test
    void unionMediation_onItsLastDay_isStillInTime_LDMALArt14() {
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .whenThenTimeAdvancesTo(CaseDeadlines.endOf(UNION_LAST_DAY).minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void unionMediationUnmet_lapsesAtTheEndOfItsLastDay_LDMALArt14() {
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .whenThenTimeAdvancesTo(CaseDeadlines.endOf(UNION_LAST_DAY))
                .expectEvents(new MediationPeriodLapsed(CASE, UNION_LAST_DAY, false));
    }

    @Test
    void courtReferralSimpleProcedure_lapsesSevenDaysAfterTheMediatorsReceipt_SPC2025Opinion() {
        LocalDate lastDay = RECEIVED.plusDays(7);
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .whenThenTimeAdvancesTo(CaseDeadlines.endOf(lastDay))
                .expectEvents(new MediationPeriodLapsed(CASE, lastDay, true));
    }

    @Test
    void aPeriodAlreadyOverWhenScheduled_lapsesAtOnce() {
        fixture.givenCurrentTime(Instant.parse("2025-09-01T00:00:00Z")).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .whenThenTimeElapses(Duration.ofSeconds(1))
                .expectEvents(new MediationPeriodLapsed(CASE, UNION_LAST_DAY, false));
    }

    @Test
    void aNewMediator_takesOverTheRunningPeriod_withoutANewDeadline() {
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .when(assign("lawyer3", RECEIVED.plusDays(2)))
                .expectScheduledDeadline(CaseDeadlines.endOf(UNION_LAST_DAY), new MediationPeriodEnds(UNION_LAST_DAY))
                .expectNoScheduledDeadlineOfType(CaseDeadlines.endOf(UNION_LAST_DAY).plus(Duration.ofDays(2)), MediationPeriodEnds.class);
    }

    @Test
    void extensionByConsent_movesTheDeadline_LDMALArt14() {
        LocalDate extended = UNION_LAST_DAY.plusDays(10);
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .when(new ExtendMediation(CASE, extended, RECEIVED.plusDays(3), null))
                .expectScheduledDeadline(CaseDeadlines.endOf(extended), new MediationPeriodEnds(extended))
                .expectNoScheduledDeadline(CaseDeadlines.endOf(UNION_LAST_DAY), new MediationPeriodEnds(UNION_LAST_DAY));
    }

    @Test
    void failure_meetsTheMediationPeriod() {
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .when(new RecordMediationFailure(CASE, "雇主拒绝", RECEIVED.plusDays(2), null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void agreement_meetsTheMediationPeriod_andStartsTheConfirmationWindowAndEachInstalment_CPLArts205to206() {
        LocalDate lastDayToConfirm = EFFECTIVE.plusDays(30);
        Instalment first = new Instalment(EFFECTIVE.plusDays(20), 200_000);
        Instalment second = new Instalment(EFFECTIVE.plusDays(50), 300_000);
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED))
                .when(agreement(List.of(first, second), 500_000))
                .expectNoScheduledDeadline(CaseDeadlines.endOf(UNION_LAST_DAY), new MediationPeriodEnds(UNION_LAST_DAY))
                .expectScheduledDeadline(CaseDeadlines.endOf(lastDayToConfirm), new ConfirmationWindowEnds(lastDayToConfirm))
                .expectScheduledDeadline(CaseDeadlines.endOf(first.dueOn()), new InstalmentFallsDue(1, first.dueOn(), 200_000))
                .expectScheduledDeadline(CaseDeadlines.endOf(second.dueOn()), new InstalmentFallsDue(2, second.dueOn(), 500_000));
    }

    @Test
    void instalmentNotPaidByItsDueDate_isOverdue_DomainStep6() {
        Instalment first = new Instalment(EFFECTIVE.plusDays(20), 200_000);
        Instalment second = new Instalment(EFFECTIVE.plusDays(50), 300_000);
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED), agreement(List.of(first, second), 500_000),
                        new RecordWagePayment(CASE, "p1", 50_000, EFFECTIVE.plusDays(5), PaymentSource.INSTALMENT, null))
                .whenThenTimeAdvancesTo(CaseDeadlines.endOf(first.dueOn()))
                .expectEvents(new InstalmentOverdue(CASE, 1, first.dueOn(), 200_000, 50_000));
    }

    @Test
    void instalmentPaidInTime_isCancelled_andOnlyTheNextOneRemains() {
        Instalment first = new Instalment(EFFECTIVE.plusDays(20), 200_000);
        Instalment second = new Instalment(EFFECTIVE.plusDays(50), 300_000);
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED), agreement(List.of(first, second), 500_000))
                .when(new RecordWagePayment(CASE, "p1", 200_000, EFFECTIVE.plusDays(15), PaymentSource.INSTALMENT, null))
                .expectNoScheduledDeadline(CaseDeadlines.endOf(first.dueOn()), new InstalmentFallsDue(1, first.dueOn(), 200_000))
                .expectScheduledDeadline(CaseDeadlines.endOf(second.dueOn()), new InstalmentFallsDue(2, second.dueOn(), 500_000));
    }

    @Test
    void confirmationWindowUnused_lapsesAfter30Days_CPLArts205to206() {
        LocalDate lastDayToConfirm = EFFECTIVE.plusDays(30);
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED), agreement(List.of(), 400_000))
                .whenThenTimeAdvancesTo(CaseDeadlines.endOf(lastDayToConfirm))
                .expectEvents(new ConfirmationWindowLapsed(CASE, lastDayToConfirm));
    }

    @Test
    void judicialConfirmation_meetsTheConfirmationWindow() {
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED), agreement(List.of(), 400_000))
                .when(new ConfirmAgreementJudicially(CASE, "court1", "(2025)鲁0203民特12号", EFFECTIVE.plusDays(3),
                        EFFECTIVE.plusDays(8), null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void paymentInFull_leavesNothingToConfirm() {
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED), agreement(List.of(), 400_000))
                .when(new RecordWagePayment(CASE, "p1", 400_000, EFFECTIVE.plusDays(3), PaymentSource.EMPLOYER_VOLUNTARY, null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void closure_cancelsEveryDeadline() {
        Instalment only = new Instalment(EFFECTIVE.plusDays(20), 400_000);
        fixture.givenCurrentTime(MORNING_OF_RECEIPT).andGiven(registered(500_000))
                .andGivenCommands(assign("lawyer1", RECEIVED), agreement(List.of(only), 400_000))
                .when(new CloseCase(CASE, ClosureOutcome.WITHDRAWN, EFFECTIVE.plusDays(1), null))
                .expectNoScheduledDeadlines();
    }
}

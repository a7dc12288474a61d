package org.mediationledger.command.disputecase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.CaseDeadlines.LegalAidDecisionDue;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApplyForLegalAid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignLegalAid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignMediator;
import org.mediationledger.command.disputecase.DisputeCaseCommands.CloseCase;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.LegalAidBasis;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.LegalAidApplied;
import org.mediationledger.events.disputecase.LegalAidAssigned;
import org.mediationledger.events.disputecase.LegalAidDecisionOverdue;
import org.mediationledger.events.disputecase.LegalAidReassigned;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.MediatorAssigned;

import java.time.Instant;
import java.time.LocalDate;

import static org.hamcrest.Matchers.containsString;
import static org.mediationledger.command.disputecase.DisputeCaseTest.APPLIED;
import static org.mediationledger.command.disputecase.DisputeCaseTest.CASE;
import static org.mediationledger.command.disputecase.DisputeCaseTest.intake;
import static org.mediationledger.command.disputecase.DisputeCaseTest.mediatorAssigned;
import static org.mediationledger.command.disputecase.DisputeCaseTest.referral2025;
import static org.mediationledger.command.disputecase.DisputeCaseTest.registered;
import static org.mediationledger.command.disputecase.DisputeCaseTest.registeredFrom;

/** Legal aid (DOMAIN.md step 5; Legal Aid Law arts. 42-44) on the DisputeCase aggregate. */
class LegalAidTest {

    static final LocalDate FAILED_ON = LocalDate.of(2025, 6, 10);
    static final LocalDate APPLIED_FOR_AID = LocalDate.of(2025, 6, 12);
    static final LocalDate DECIDED = LocalDate.of(2025, 6, 15);

    private FixtureConfiguration<DisputeCase> fixture(InMemoryCaseloads caseloads) {
        FixtureConfiguration<DisputeCase> fixture = new AggregateTestFixture<>(DisputeCase.class);
        fixture.registerInjectableResource(caseloads);
        return fixture;
    }

    private static InMemoryCaseloads roster() {
        return new InMemoryCaseloads().with("lawyer1", 10, 3).with("lawyer2", 2, 2).with("lawyer3", 5, 1).with("lawyer4", 5, 1);
    }

    private static MediationFailed failed() {
        return new MediationFailed(CASE, "雇主拒绝调解", FAILED_ON);
    }

    private static AssignLegalAid automatic(LocalDate decidedOn) {
        return new AssignLegalAid(CASE, null, LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM, decidedOn, null, null);
    }

    @Test
    void application_schedulesTheSevenDayDecision_LegalAidLawArt43() {
        LocalDate due = APPLIED_FOR_AID.plusDays(7);
        fixture(roster()).given(registered(500_000), mediatorAssigned(), failed())
                .when(new ApplyForLegalAid(CASE, APPLIED_FOR_AID, null))
                .expectEvents(new LegalAidApplied(CASE, APPLIED_FOR_AID, due))
                .expectScheduledDeadline(CaseDeadlines.endOf(due), new LegalAidDecisionDue(APPLIED_FOR_AID, due));
    }

    @Test
    void decisionNotMadeWithinSevenDays_isRecordedOverdue_LegalAidLawArt43() {
        LocalDate due = APPLIED_FOR_AID.plusDays(7);
        fixture(roster()).givenCurrentTime(Instant.parse("2025-06-12T02:00:00Z"))
                .andGiven(registered(500_000), mediatorAssigned(), failed())
                .andGivenCommands(new ApplyForLegalAid(CASE, APPLIED_FOR_AID, null))
                .whenThenTimeAdvancesTo(CaseDeadlines.endOf(due))
                .expectEvents(new LegalAidDecisionOverdue(CASE, APPLIED_FOR_AID, due));
    }

    @Test
    void assignmentWithoutALawyerNamed_choosesTheLowestCaseloadUnderTheLimit_tiesByLawyerId() {
        // lawyer2 is at their limit; lawyer3 and lawyer4 have one case each: lawyer3 comes first
        fixture(roster()).given(registered(500_000), mediatorAssigned(), failed())
                .when(automatic(DECIDED))
                .expectEvents(new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM, DECIDED,
                        "lawyer1", true, null, false));
    }

    @Test
    void assignmentWithoutALawyerNamed_whenEveryLawyerIsAtTheLimit_isRefused() {
        fixture(new InMemoryCaseloads().with("lawyer1", 3, 3).with("lawyer2", 2, 2))
                .given(registered(500_000), mediatorAssigned(), failed())
                .when(automatic(DECIDED))
                .expectException(ProcessRuleViolation.class)
                .expectExceptionMessage(containsString("every lawyer is at their limit"));
    }

    @Test
    void namedLawyerAtTheirLimit_needsAnOverLimitReason() {
        fixture(roster()).given(registered(500_000), mediatorAssigned(), failed())
                .when(new AssignLegalAid(CASE, "lawyer2", LegalAidBasis.HARDSHIP, DECIDED, null, null))
                .expectException(ProcessRuleViolation.class)
                .expectExceptionMessage(containsString("overLimitReason"));
        fixture(roster()).given(registered(500_000), mediatorAssigned(), failed())
                .when(new AssignLegalAid(CASE, "lawyer2", LegalAidBasis.HARDSHIP, DECIDED, "熟悉该平台", null))
                .expectEvents(new LegalAidAssigned(CASE, "lawyer2", LegalAidBasis.HARDSHIP, DECIDED, "lawyer1", false, "熟悉该平台", false));
    }

    @Test
    void namedLawyerWhoIsNotRegistered_isUnknown() {
        fixture(roster()).given(registered(500_000), mediatorAssigned(), failed())
                .when(new AssignLegalAid(CASE, "lawyer99", LegalAidBasis.HARDSHIP, DECIDED, null, null))
                .expectException(UnknownLawyer.class);
    }

    @Test
    void assignment_meetsTheDecisionDeadline_andReleasesTheMediator_LegalAidLawArts43and44() {
        fixture(roster()).givenCurrentTime(Instant.parse("2025-06-12T02:00:00Z"))
                .andGiven(registered(500_000), mediatorAssigned(), failed())
                .andGivenCommands(new ApplyForLegalAid(CASE, APPLIED_FOR_AID, null))
                .when(new AssignLegalAid(CASE, "lawyer3", LegalAidBasis.HARDSHIP, DECIDED, null, null))
                .expectEvents(new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.HARDSHIP, DECIDED, "lawyer1", false, null, false))
                .expectNoScheduledDeadlines();
    }

    @Test
    void migrantWorkerExemption_coversOnlyWagesAndWorkInjury_LegalAidLawArt42() {
        IntakeDetails i = intake(500_000);
        IntakeDetails socialInsurance = new IntakeDetails(i.claimant(), i.respondents(), DisputeCategory.SOCIAL_INSURANCE,
                i.claimedFen(), i.channel(), i.district(), i.facts(), i.appliedOn(), i.registeredOn());
        fixture(roster()).given(registeredFrom(socialInsurance), mediatorAssigned(), failed())
                .when(automatic(DECIDED))
                .expectException(InvalidCommand.class)
                .expectExceptionMessage(containsString("art. 42"));
    }

    @Test
    void whileMediationRuns_legalAidIsRefused() {
        fixture(roster()).given(registered(500_000), mediatorAssigned())
                .when(automatic(APPLIED.plusDays(10)))
                .expectException(ProcessRuleViolation.class)
                .expectExceptionMessage(containsString("mediation is running"));
    }

    @Test
    void afterTheUnionMediationPeriodEnded_legalAidIsGranted_LDMALArt14() {
        LocalDate afterPeriod = APPLIED.plusDays(16);
        fixture(roster()).given(registered(500_000), mediatorAssigned())
                .when(automatic(afterPeriod))
                .expectEvents(new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM, afterPeriod,
                        "lawyer1", true, null, false));
    }

    @Test
    void caseTakenInWithoutMediation_mayGetLegalAidDirectly() {
        fixture(roster()).given(registered(500_000))
                .when(automatic(DECIDED))
                .expectEvents(new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM, DECIDED,
                        null, true, null, false));
    }

    @Test
    void reassignment_movesTheCaseToAnotherLawyer_andAnAutomaticOneSkipsTheCurrentLawyer() {
        LegalAidAssigned first = new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.HARDSHIP, DECIDED, "lawyer1", true, null, false);
        fixture(roster()).given(registered(500_000), mediatorAssigned(), failed(), first)
                .when(new AssignLegalAid(CASE, null, LegalAidBasis.HARDSHIP, DECIDED.plusDays(5), null, null))
                .expectEvents(new LegalAidReassigned(CASE, "lawyer3", "lawyer4", DECIDED.plusDays(5), true, null));
    }

    @Test
    void repeatedAutomaticRequest_withTheSameBasisAndDate_isARetryAndChangesNothing() {
        LegalAidAssigned first = new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.HARDSHIP, DECIDED, "lawyer1", true, null, false);
        fixture(roster()).given(registered(500_000), mediatorAssigned(), failed(), first)
                .when(new AssignLegalAid(CASE, null, LegalAidBasis.HARDSHIP, DECIDED, null, null))
                .expectNoEvents();
    }

    @Test
    void mediatorCannotBeAssignedOnceLegalAidRepresentsTheWorker() {
        LegalAidAssigned first = new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.HARDSHIP, DECIDED, null, true, null, false);
        fixture(roster()).given(registered(500_000), first)
                .when(new AssignMediator(CASE, "lawyer4", DECIDED, null, null))
                .expectException(ProcessRuleViolation.class);
    }

    @Test
    void caseReturnedToItsCourt_isReopenedByLegalAid_andCanBeClosedAgain() {
        // DOMAIN.md step 3: a case returned to court "can be reopened if the worker later needs the union's legal aid"
        LocalDate received = LocalDate.of(2025, 6, 4);
        MediatorAssigned assigned = new MediatorAssigned(CASE, "lawyer1", received, received.plusDays(7), null, null);
        CaseClosed returned = new CaseClosed(CASE, ClosureOutcome.RETURNED_TO_COURT, received.plusDays(8));
        LegalAidAssigned reopened = new LegalAidAssigned(CASE, "lawyer3", LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM, DECIDED,
                null, true, null, true);
        fixture(roster()).given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned, returned)
                .when(automatic(DECIDED))
                .expectEvents(reopened);
        fixture(roster()).given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned, returned, reopened)
                .when(new CloseCase(CASE, ClosureOutcome.WITHDRAWN, DECIDED.plusDays(1), null))
                .expectEvents(new CaseClosed(CASE, ClosureOutcome.WITHDRAWN, DECIDED.plusDays(1)));
    }

    @Test
    void closedCaseOtherwise_getsNoLegalAid() {
        fixture(roster()).given(registered(500_000), new CaseClosed(CASE, ClosureOutcome.WITHDRAWN, DECIDED))
                .when(automatic(DECIDED))
                .expectException(ProcessRuleViolation.class);
    }
}

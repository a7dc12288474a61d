package org.mediationledger.command.disputecase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignMediator;
import org.mediationledger.command.disputecase.DisputeCaseCommands.CloseCase;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ExtendMediation;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ReachAgreement;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ReceiveCourtReferral;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordAward;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordMediationFailure;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordMediationSession;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordWagePayment;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RegisterDispute;
import org.mediationledger.events.common.AwardKind;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.common.ReferralRegime;
import org.mediationledger.events.common.Respondent;
import org.mediationledger.events.disputecase.AgreementJudiciallyConfirmed;
import org.mediationledger.events.disputecase.AwardRecorded;
import org.mediationledger.events.disputecase.EnforcementTerminated;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.ClaimantRecord;
import org.mediationledger.events.disputecase.CourtReferralReceived;
import org.mediationledger.events.disputecase.DisputeRegistered;
import org.mediationledger.events.disputecase.MediationAgreementReached;
import org.mediationledger.events.disputecase.MediationExtended;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.MediationSessionHeld;
import org.mediationledger.events.disputecase.MediatorAssigned;
import org.mediationledger.events.disputecase.WagePaymentRecorded;
import org.mediationledger.events.pii.EncryptedText;

import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

/** Every rule {@link DisputeCase} enforces, one test each, named for the rule. */
class DisputeCaseTest {

    static final String CASE = "case-1";
    static final LocalDate APPLIED = LocalDate.of(2025, 6, 2);
    static final LocalDate REGISTERED = LocalDate.of(2025, 6, 3);

    private FixtureConfiguration<DisputeCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DisputeCase.class);
        fixture.registerInjectableResource(new InMemoryCaseloads().with("lawyer1", 10, 3).with("lawyer2", 2, 2));
    }

    static IntakeDetails intake(long claimedFen) {
        return new IntakeDetails(
                new ClaimantRecord("worker-1", "张伟", "hash-1", new EncryptedText("Y2lwaGVy"), new EncryptedText("cGhvbmU="),
                        EmploymentForm.PLATFORM_COOPERATION),
                List.of(new Respondent("青岛某某配送服务有限公司", "91370203MA3C0X0X0X")),
                DisputeCategory.UNPAID_WAGES, claimedFen, IntakeChannel.WALK_IN, "市北区", "送餐工资未结清",
                APPLIED, REGISTERED);
    }

    static DisputeRegistered registered(long claimedFen) {
        return registeredFrom(intake(claimedFen));
    }

    static DisputeRegistered registeredFrom(IntakeDetails i) {
        return new DisputeRegistered(CASE, i.claimant(), i.respondents(), i.category(), i.claimedFen(), i.channel(),
                i.district(), i.facts(), i.appliedOn(), i.registeredOn());
    }

    static MediatorAssigned mediatorAssigned() {
        return new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 4), APPLIED.plusDays(15), null, null);
    }

    static CourtReferralReceived referral2025(CourtProcedure procedure, int days) {
        return new CourtReferralReceived(CASE, "court1", "(2025)鲁0203民初77号", ReferralKind.ENTRUSTED, procedure,
                REGISTERED, true, ReferralRegime.FILING_FIRST_2025, days, 30);
    }

    static MediationAgreementReached agreed(long fen) {
        return new MediationAgreementReached(CASE, fen, LocalDate.of(2025, 6, 10), List.of());
    }

    static WagePaymentRecorded paid(String id, long amount, long owed, long recoveredAfter) {
        return new WagePaymentRecorded(CASE, id, amount, LocalDate.of(2025, 6, 20), PaymentSource.EMPLOYER_VOLUNTARY,
                owed, recoveredAfter, owed - recoveredAfter);
    }

    static RecordWagePayment pay(String id, long amount) {
        return new RecordWagePayment(CASE, id, amount, LocalDate.of(2025, 6, 20), PaymentSource.EMPLOYER_VOLUNTARY, null);
    }

    static ReceiveCourtReferral refer(String caseNumber, ReferralKind kind, CourtProcedure procedure, LocalDate on, boolean consent) {
        IntakeDetails i = intake(500_000);
        IntakeDetails referred = new IntakeDetails(i.claimant(), i.respondents(), i.category(), i.claimedFen(),
                IntakeChannel.COURT_REFERRAL, i.district(), i.facts(), on, REGISTERED);
        return new ReceiveCourtReferral(CASE, referred, "court1", caseNumber, kind, procedure, on, consent);
    }

    @Nested
    class Intake {

        @Test
        void dispute_isRegisteredWithItsFacts() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterDispute(CASE, intake(1_250_000)))
                    .expectEvents(registered(1_250_000))
                    .expectResultMessagePayload(0L);
        }

        @Test
        void claimedAmount_mustBePositive() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterDispute(CASE, intake(0)))
                    .expectException(InvalidCommand.class)
                    .expectNoEvents();
        }

        @Test
        void repeatedIntakeWithTheSameFacts_isANoOp() {
            fixture.given(registered(1_250_000))
                    .when(new RegisterDispute(CASE, intake(1_250_000)))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
        }

        @Test
        void sameCaseIdWithDifferentFacts_isAConflict() {
            fixture.given(registered(1_250_000))
                    .when(new RegisterDispute(CASE, intake(9_999)))
                    .expectException(ConflictingRepeat.class);
        }
    }

    @Nested
    class CourtReferral {

        @Test
        void referralFrom2025_fallsUnderFilingFirstRegime_withSevenDaysForSimpleProcedure() {
            // SPC opinion on case filing and mediation, effective 2025-01-01: 15 / 7 days, extension by consent ≤ 30 days
            ReceiveCourtReferral command = refer("(2025)鲁0203民初77号", ReferralKind.ENTRUSTED, CourtProcedure.SIMPLE,
                    LocalDate.of(2025, 1, 1), true);
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(registeredFrom(command.intake()),
                            new CourtReferralReceived(CASE, "court1", "(2025)鲁0203民初77号", ReferralKind.ENTRUSTED,
                                    CourtProcedure.SIMPLE, LocalDate.of(2025, 1, 1), true, ReferralRegime.FILING_FIRST_2025, 7, 30));
        }

        @Test
        void referralBefore2025_fallsUnder2016Rules_withThirtyDaysForPreFilingDelegation() {
            // SPC rules on specially invited mediation (2016), art. 27: delegated 30 days, extension by consent without a fixed cap
            ReceiveCourtReferral command = refer(null, ReferralKind.PRE_FILING_DELEGATED, CourtProcedure.ORDINARY,
                    LocalDate.of(2024, 12, 31), false);
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(registeredFrom(command.intake()),
                            new CourtReferralReceived(CASE, "court1", null, ReferralKind.PRE_FILING_DELEGATED,
                                    CourtProcedure.ORDINARY, LocalDate.of(2024, 12, 31), false,
                                    ReferralRegime.SPECIALLY_INVITED_MEDIATION_2016, 30, null));
        }

        @Test
        void referralFrom2025_withoutCourtCaseNumber_isRejected() {
            fixture.givenNoPriorActivity()
                    .when(refer(null, ReferralKind.ENTRUSTED, CourtProcedure.ORDINARY, LocalDate.of(2025, 3, 1), true))
                    .expectException(InvalidCommand.class)
                    .expectExceptionMessage(containsString("court case number is required"));
        }

        @Test
        void referralFrom2025_withoutPartiesConsent_isRejected() {
            fixture.givenNoPriorActivity()
                    .when(refer("(2025)鲁0203民初77号", ReferralKind.ENTRUSTED, CourtProcedure.ORDINARY, LocalDate.of(2025, 3, 1), false))
                    .expectException(InvalidCommand.class)
                    .expectExceptionMessage(containsString("consent"));
        }

        @Test
        void preFilingDelegation_from2025_isRejected() {
            fixture.givenNoPriorActivity()
                    .when(refer("(2025)鲁0203民初77号", ReferralKind.PRE_FILING_DELEGATED, CourtProcedure.ORDINARY,
                            LocalDate.of(2025, 1, 2), true))
                    .expectException(InvalidCommand.class)
                    .expectExceptionMessage(containsString("pre-filing delegated mediation ended"));
        }

        @Test
        void regime_isChosenByReferralDate_notByToday() {
            // a 2024 referral recorded in 2025 keeps the 2016 rules: entrusted ordinary 15 days, no case-number-less entrustment
            fixture.givenNoPriorActivity()
                    .when(refer("(2024)鲁0203民初12号", ReferralKind.ENTRUSTED, CourtProcedure.ORDINARY, LocalDate.of(2024, 11, 30), false))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Mediation {

        @Test
        void unionMediation_runsFifteenDaysFromTheApplication() {
            // LDMAL art. 14
            fixture.given(registered(500_000))
                    .when(new AssignMediator(CASE, "lawyer1", LocalDate.of(2025, 6, 4), null, null))
                    .expectEvents(new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 4), LocalDate.of(2025, 6, 17), null, null));
        }

        @Test
        void courtReferralClock_startsWhenTheMediatorSignsForTheFile() {
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7))
                    .when(new AssignMediator(CASE, "lawyer1", LocalDate.of(2025, 6, 9), null, null))
                    .expectEvents(new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 16), null, null));
        }

        @Test
        void assignmentBeyondLawyersLimit_withoutReason_isRefused() {
            fixture.given(registered(500_000))
                    .when(new AssignMediator(CASE, "lawyer2", LocalDate.of(2025, 6, 4), null, null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("overLimitReason"));
        }

        @Test
        void assignmentBeyondLawyersLimit_withReason_isRecorded() {
            fixture.given(registered(500_000))
                    .when(new AssignMediator(CASE, "lawyer2", LocalDate.of(2025, 6, 4), "only Mandarin-Shandong speaker", null))
                    .expectEvents(new MediatorAssigned(CASE, "lawyer2", LocalDate.of(2025, 6, 4), LocalDate.of(2025, 6, 17), null,
                            "only Mandarin-Shandong speaker"));
        }

        @Test
        void assignmentOfUnregisteredLawyer_isRejected() {
            fixture.given(registered(500_000))
                    .when(new AssignMediator(CASE, "ghost", LocalDate.of(2025, 6, 4), null, null))
                    .expectException(UnknownLawyer.class);
        }

        @Test
        void newMediator_takesOverTheRunningPeriod() {
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new AssignMediator(CASE, "lawyer2", LocalDate.of(2025, 6, 8), "urgent", null))
                    .expectEvents(new MediatorAssigned(CASE, "lawyer2", LocalDate.of(2025, 6, 8), LocalDate.of(2025, 6, 17), "lawyer1", "urgent"));
        }

        @Test
        void fileCannotBeReceived_beforeTheWorkerApplied() {
            fixture.given(registered(500_000))
                    .when(new AssignMediator(CASE, "lawyer1", LocalDate.of(2025, 5, 1), null, null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void session_isRecorded_andRepeatingItIsANoOp() {
            MediationSessionHeld held = new MediationSessionHeld(CASE, "s1", LocalDate.of(2025, 6, 5), "双方到场");
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new RecordMediationSession(CASE, "s1", LocalDate.of(2025, 6, 5), "双方到场", null))
                    .expectEvents(held);
            fixture.given(registered(500_000), mediatorAssigned(), held)
                    .when(new RecordMediationSession(CASE, "s1", LocalDate.of(2025, 6, 5), "双方到场", null))
                    .expectNoEvents();
        }

        @Test
        void session_beforeAMediatorIsAssigned_isRejected() {
            fixture.given(registered(500_000))
                    .when(new RecordMediationSession(CASE, "s1", LocalDate.of(2025, 6, 5), "x", null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void extensionByConsent_movesTheDeadline() {
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new ExtendMediation(CASE, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 6, 16), null))
                    .expectEvents(new MediationExtended(CASE, LocalDate.of(2025, 6, 17), LocalDate.of(2025, 7, 1), LocalDate.of(2025, 6, 16)));
        }

        @Test
        void extensionConsent_afterThePeriodEnded_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new ExtendMediation(CASE, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 6, 18), null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("consent must be given before"));
        }

        @Test
        void courtReferralFrom2025_extensionBeyondThirtyDays_isRejected() {
            MediatorAssigned assigned = new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 16), null, null);
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned)
                    .when(new ExtendMediation(CASE, LocalDate.of(2025, 7, 17), LocalDate.of(2025, 6, 15), null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("at most 30 days"));
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned)
                    .when(new ExtendMediation(CASE, LocalDate.of(2025, 7, 16), LocalDate.of(2025, 6, 15), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void agreement_withInstalmentsAddingUp_isReached() {
            List<Instalment> plan = List.of(new Instalment(LocalDate.of(2025, 7, 1), 200_000), new Instalment(LocalDate.of(2025, 8, 1), 200_000));
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new ReachAgreement(CASE, 400_000, LocalDate.of(2025, 6, 10), plan, null))
                    .expectEvents(new MediationAgreementReached(CASE, 400_000, LocalDate.of(2025, 6, 10), plan));
        }

        @Test
        void instalmentsNotAddingUpToTheAgreedAmount_areRejected() {
            List<Instalment> plan = List.of(new Instalment(LocalDate.of(2025, 7, 1), 100_000));
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new ReachAgreement(CASE, 400_000, LocalDate.of(2025, 6, 10), plan, null))
                    .expectException(InvalidCommand.class)
                    .expectExceptionMessage(containsString("add up to"));
        }

        @Test
        void instalmentDueBeforeTheAgreementTakesEffect_isRejected() {
            List<Instalment> plan = List.of(new Instalment(LocalDate.of(2025, 6, 1), 400_000));
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new ReachAgreement(CASE, 400_000, LocalDate.of(2025, 6, 10), plan, null))
                    .expectException(InvalidCommand.class);
        }

        @Test
        void unionMediation_mayStillEndInAgreementAfterItsPeriod() {
            // LDMAL art. 14: after 15 days the worker may, not must, go to arbitration
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new ReachAgreement(CASE, 400_000, LocalDate.of(2025, 6, 30), List.of(), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void courtReferral_afterItsPeriodEnded_takesNoAgreement() {
            MediatorAssigned assigned = new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 16), null, null);
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned)
                    .when(new ReachAgreement(CASE, 400_000, LocalDate.of(2025, 6, 17), List.of(), null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("goes back to court1"));
        }

        @Test
        void failure_endsMediation() {
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new RecordMediationFailure(CASE, "雇主拒绝出席", LocalDate.of(2025, 6, 12), null))
                    .expectEvents(new MediationFailed(CASE, "雇主拒绝出席", LocalDate.of(2025, 6, 12)));
        }

        @Test
        void repeatedAgreement_withTheSameTerms_isANoOp() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000))
                    .when(new ReachAgreement(CASE, 400_000, LocalDate.of(2025, 6, 10), List.of(), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void repeatedFailure_isANoOp() {
            fixture.given(registered(500_000), mediatorAssigned(), new MediationFailed(CASE, "x", LocalDate.of(2025, 6, 12)))
                    .when(new RecordMediationFailure(CASE, "x", LocalDate.of(2025, 6, 12), null))
                    .expectNoEvents();
        }

        @Test
        void courtReferral_afterItsPeriodEnded_takesNoNewMediator() {
            MediatorAssigned assigned = new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 16), null, null);
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned)
                    .when(new AssignMediator(CASE, "lawyer2", LocalDate.of(2025, 6, 20), "urgent", null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void agreement_afterMediationFailed_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned(), new MediationFailed(CASE, "x", LocalDate.of(2025, 6, 12)))
                    .when(new ReachAgreement(CASE, 400_000, LocalDate.of(2025, 6, 13), List.of(), null))
                    .expectException(ProcessRuleViolation.class);
        }
    }

    @Nested
    class Recovery {

        @Test
        void payment_countsAgainstTheClaim_whenNothingElseIsBinding() {
            fixture.given(registered(500_000))
                    .when(pay("p1", 200_000))
                    .expectEvents(paid("p1", 200_000, 500_000, 200_000));
        }

        @Test
        void paymentExceedingOutstanding_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000), paid("p1", 300_000, 400_000, 300_000))
                    .when(pay("p2", 100_001))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("exceeds what is outstanding (100000 fen of 400000 fen owed)"));
        }

        @Test
        void owed_isTheAgreedAmount_afterAnAgreement() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000))
                    .when(pay("p1", 400_000))
                    .expectEvents(paid("p1", 400_000, 400_000, 400_000));
        }

        @Test
        void owed_isTheEnforceableAmount_afterAnAward() {
            fixture.given(registered(500_000), mediatorAssigned(), new MediationFailed(CASE, "x", LocalDate.of(2025, 6, 12)),
                            new AwardRecorded(CASE, AwardKind.ARBITRATION_AWARD, 600_000, LocalDate.of(2025, 6, 19), "青劳人仲案字〔2025〕第1号"))
                    .when(pay("p1", 600_000))
                    .expectEvents(paid("p1", 600_000, 600_000, 600_000));
        }

        @Test
        void repeatedPaymentId_withSameContent_countsOnce() {
            fixture.given(registered(500_000), paid("p1", 200_000, 500_000, 200_000))
                    .when(pay("p1", 200_000))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void repeatedPaymentId_withDifferentContent_isAConflict() {
            fixture.given(registered(500_000), paid("p1", 200_000, 500_000, 200_000))
                    .when(pay("p1", 250_000))
                    .expectException(ConflictingRepeat.class);
        }

        @Test
        void payment_datedBeforeTheWorkerApplied_isRejected() {
            fixture.given(registered(500_000))
                    .when(new RecordWagePayment(CASE, "p1", 100, LocalDate.of(2025, 1, 1), PaymentSource.PLATFORM, null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void instalmentPayment_withoutAnAgreement_isRejected() {
            fixture.given(registered(500_000))
                    .when(new RecordWagePayment(CASE, "p1", 100, LocalDate.of(2025, 6, 20), PaymentSource.INSTALMENT, null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("INSTALMENT"));
        }

        @Test
        void confirmedAgreementAward_withoutAnAgreement_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned(), new MediationFailed(CASE, "x", LocalDate.of(2025, 6, 12)))
                    .when(new RecordAward(CASE, AwardKind.CONFIRMED_AGREEMENT, 500_000, LocalDate.of(2025, 6, 19), "ref", null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void repeatedAward_withTheSameContent_isANoOp() {
            AwardRecorded award = new AwardRecorded(CASE, AwardKind.ARBITRATION_AWARD, 600_000, LocalDate.of(2025, 6, 19), "ref");
            fixture.given(registered(500_000), mediatorAssigned(), new MediationFailed(CASE, "x", LocalDate.of(2025, 6, 12)), award)
                    .when(new RecordAward(CASE, AwardKind.ARBITRATION_AWARD, 600_000, LocalDate.of(2025, 6, 19), "ref", null))
                    .expectNoEvents();
        }

        @Test
        void award_beforeMediationEnded_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new RecordAward(CASE, AwardKind.JUDGMENT, 500_000, LocalDate.of(2025, 6, 19), "ref", null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void award_belowWhatWasAlreadyRecovered_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000), paid("p1", 300_000, 400_000, 300_000))
                    .when(new RecordAward(CASE, AwardKind.CONFIRMED_AGREEMENT, 200_000, LocalDate.of(2025, 6, 25), "ref", null))
                    .expectException(ProcessRuleViolation.class);
        }
    }

    @Nested
    class JudicialConfirmationAndEnforcement {

        static final LocalDate EFFECTIVE = LocalDate.of(2025, 6, 10);

        @Test
        void confirmation_appliedForWithin30Days_makesTheAgreedAmountEnforceable() {
            // CPL arts. 205-206
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000))
                    .when(new DisputeCaseCommands.ConfirmAgreementJudicially(CASE, "court1", "(2025)鲁0203民特12号",
                            EFFECTIVE.plusDays(30), EFFECTIVE.plusDays(35), null))
                    .expectEvents(new AgreementJudiciallyConfirmed(CASE, "court1", "(2025)鲁0203民特12号",
                            EFFECTIVE.plusDays(30), EFFECTIVE.plusDays(35), 400_000));
        }

        @Test
        void confirmation_appliedForAfter30Days_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000))
                    .when(new DisputeCaseCommands.ConfirmAgreementJudicially(CASE, "court1", "r", EFFECTIVE.plusDays(31),
                            EFFECTIVE.plusDays(35), null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("within 30 days"));
        }

        @Test
        void confirmation_withoutAnAgreement_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new DisputeCaseCommands.ConfirmAgreementJudicially(CASE, "court1", "r", EFFECTIVE, EFFECTIVE, null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void enforcementTermination_recordsWhatIsStillOwed() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000),
                            new AgreementJudiciallyConfirmed(CASE, "court1", "r", EFFECTIVE, EFFECTIVE.plusDays(5), 400_000),
                            paid("p1", 100_000, 400_000, 100_000))
                    .when(new DisputeCaseCommands.TerminateEnforcement(CASE, "court1", "(2025)鲁0203执301号之一",
                            LocalDate.of(2025, 10, 20), null))
                    .expectEvents(new EnforcementTerminated(CASE, "court1", "(2025)鲁0203执301号之一", LocalDate.of(2025, 10, 20), 300_000));
        }

        @Test
        void enforcementTermination_withoutAnEnforceableTitle_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000))
                    .when(new DisputeCaseCommands.TerminateEnforcement(CASE, "court1", "r", LocalDate.of(2025, 10, 20), null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("enforceable title"));
        }

        @Test
        void enforcementTermination_withNothingOutstanding_isRejected() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000),
                            new AgreementJudiciallyConfirmed(CASE, "court1", "r", EFFECTIVE, EFFECTIVE.plusDays(5), 400_000),
                            paid("p1", 400_000, 400_000, 400_000))
                    .when(new DisputeCaseCommands.TerminateEnforcement(CASE, "court1", "r", LocalDate.of(2025, 10, 20), null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void paymentAfterEnforcementEnded_isStillRecorded() {
            // enforcement may resume; what the employer pays later still counts
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000),
                            new AgreementJudiciallyConfirmed(CASE, "court1", "r", EFFECTIVE, EFFECTIVE.plusDays(5), 400_000),
                            new EnforcementTerminated(CASE, "court1", "r", LocalDate.of(2025, 10, 20), 400_000))
                    .when(new RecordWagePayment(CASE, "late", 50_000, LocalDate.of(2025, 11, 1), PaymentSource.COURT_ENFORCEMENT, null))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Closure {

        @Test
        void recoveredInFull_needsNothingOutstanding() {
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000), paid("p1", 300_000, 400_000, 300_000))
                    .when(new CloseCase(CASE, ClosureOutcome.RECOVERED_IN_FULL, LocalDate.of(2025, 7, 1), null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("100000 fen is still owed"));
            fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000), paid("p1", 400_000, 400_000, 400_000))
                    .when(new CloseCase(CASE, ClosureOutcome.RECOVERED_IN_FULL, LocalDate.of(2025, 7, 1), null))
                    .expectEvents(new CaseClosed(CASE, ClosureOutcome.RECOVERED_IN_FULL, LocalDate.of(2025, 7, 1)));
        }

        @Test
        void returnedToCourt_onlyForACourtReferral() {
            fixture.given(registered(500_000))
                    .when(new CloseCase(CASE, ClosureOutcome.RETURNED_TO_COURT, LocalDate.of(2025, 7, 1), null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void transferredToArbitration_afterFailure_orAfterTheUnionPeriodEnded() {
            // LDMAL art. 14: unresolved after 15 days, the worker may apply for arbitration
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new CloseCase(CASE, ClosureOutcome.TRANSFERRED_TO_ARBITRATION, LocalDate.of(2025, 6, 18), null))
                    .expectSuccessfulHandlerExecution();
            fixture.given(registered(500_000), mediatorAssigned())
                    .when(new CloseCase(CASE, ClosureOutcome.TRANSFERRED_TO_ARBITRATION, LocalDate.of(2025, 6, 10), null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void courtReferral_isReturnedToCourt_notTransferredToArbitration() {
            MediatorAssigned assigned = new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 16), null, null);
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned,
                            new MediationFailed(CASE, "x", LocalDate.of(2025, 6, 12)))
                    .when(new CloseCase(CASE, ClosureOutcome.TRANSFERRED_TO_ARBITRATION, LocalDate.of(2025, 6, 20), null))
                    .expectException(ProcessRuleViolation.class);
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned,
                            new MediationFailed(CASE, "x", LocalDate.of(2025, 6, 12)))
                    .when(new CloseCase(CASE, ClosureOutcome.RETURNED_TO_COURT, LocalDate.of(2025, 6, 20), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void agreedCourtReferral_isNotReturnedToCourt() {
            MediatorAssigned assigned = new MediatorAssigned(CASE, "lawyer1", LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 16), null, null);
            fixture.given(registered(500_000), referral2025(CourtProcedure.SIMPLE, 7), assigned, agreed(400_000))
                    .when(new CloseCase(CASE, ClosureOutcome.RETURNED_TO_COURT, LocalDate.of(2025, 6, 20), null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void closure_cannotPrecedeTheLatestRecordedAct() {
            fixture.given(registered(500_000), paid("p1", 100, 500_000, 100))
                    .when(new CloseCase(CASE, ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 6, 19), null))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("latest recorded act"));
        }

        @Test
        void reliefPaid_withoutAPayout_isRejected() {
            fixture.given(registered(500_000))
                    .when(new CloseCase(CASE, ClosureOutcome.RELIEF_PAID, LocalDate.of(2025, 7, 1), null))
                    .expectException(ProcessRuleViolation.class);
        }

        @Test
        void closedCase_takesNoMorePayments() {
            fixture.given(registered(500_000), new CaseClosed(CASE, ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 6, 5)))
                    .when(pay("p1", 100))
                    .expectException(ProcessRuleViolation.class)
                    .expectExceptionMessage(containsString("closed"));
        }

        @Test
        void closingAgainWithTheSameOutcome_isANoOp() {
            fixture.given(registered(500_000), new CaseClosed(CASE, ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 6, 5)))
                    .when(new CloseCase(CASE, ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 6, 5), null))
                    .expectNoEvents();
        }
    }
}

package org.mediationledger.command.disputecase;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mediationledger.command.disputecase.CaseDeadlines.ConfirmationWindowEnds;
import org.mediationledger.command.disputecase.CaseDeadlines.InstalmentFallsDue;
import org.mediationledger.command.disputecase.CaseDeadlines.LegalAidDecisionDue;
import org.mediationledger.command.disputecase.CaseDeadlines.MediationPeriodEnds;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApplyForLegalAid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApplyForRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApproveRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignLegalAid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignMediator;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordReliefPaid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RejectRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.CloseCase;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ConfirmAgreementJudicially;
import org.mediationledger.command.disputecase.DisputeCaseCommands.TerminateEnforcement;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ExtendMediation;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ReachAgreement;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ReceiveCourtReferral;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordAward;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordMediationFailure;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordMediationSession;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordWagePayment;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RegisterDispute;
import org.mediationledger.command.disputecase.LawyerCaseloads.LawyerStanding;
import org.mediationledger.events.common.AwardKind;
import org.mediationledger.events.common.CaseStage;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.LegalAidBasis;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.common.ReferralRegime;
import org.mediationledger.events.disputecase.AgreementJudiciallyConfirmed;
import org.mediationledger.events.disputecase.AwardRecorded;
import org.mediationledger.events.disputecase.EnforcementTerminated;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.CourtReferralReceived;
import org.mediationledger.events.disputecase.DisputeRegistered;
import org.mediationledger.events.disputecase.MediationAgreementReached;
import org.mediationledger.events.disputecase.MediationExtended;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.MediationSessionHeld;
import org.mediationledger.events.disputecase.MediatorAssigned;
import org.mediationledger.events.disputecase.WagePaymentRecorded;
import org.mediationledger.events.disputecase.ConfirmationWindowLapsed;
import org.mediationledger.events.disputecase.InstalmentOverdue;
import org.mediationledger.events.disputecase.LegalAidApplied;
import org.mediationledger.events.disputecase.LegalAidAssigned;
import org.mediationledger.events.disputecase.LegalAidDecisionOverdue;
import org.mediationledger.events.disputecase.LegalAidReassigned;
import org.mediationledger.events.disputecase.MediationPeriodLapsed;
import org.mediationledger.events.disputecase.ReliefApplied;
import org.mediationledger.events.disputecase.ReliefApproved;
import org.mediationledger.events.disputecase.ReliefPaid;
import org.mediationledger.events.disputecase.ReliefRecovered;
import org.mediationledger.events.disputecase.ReliefRejected;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One worker's dispute from intake to closure (DOMAIN.md, "The lifecycle of one dispute"). Every rule
 * of the process that concerns one case is checked here; command handlers decide and apply events,
 * event sourcing handlers only change state. Each handler answers the case's version after it ran.
 */
@Aggregate(repository = "disputeCaseRepository") // cached, snapshotted: config.AggregateCacheConfig
public class DisputeCase {

    private static final Set<CaseStage> AWARDABLE = EnumSet.of(
            CaseStage.AGREED, CaseStage.MEDIATION_FAILED, CaseStage.LEGAL_AID, CaseStage.AWARDED);
    private static final Set<CaseStage> RETURNABLE_TO_COURT = EnumSet.of(
            CaseStage.REGISTERED, CaseStage.IN_MEDIATION, CaseStage.MEDIATION_FAILED);
    /** Stages in which a case may need representation (DOMAIN.md step 5); IN_MEDIATION only once its period is over. */
    private static final Set<CaseStage> REPRESENTABLE = EnumSet.of(CaseStage.REGISTERED, CaseStage.MEDIATION_FAILED,
            CaseStage.AGREED, CaseStage.AWARDED, CaseStage.ENFORCEMENT_TERMINATED, CaseStage.LEGAL_AID);
    /** Stages that legal aid replaces: the case is now in the legal-aid lawyer's hands. */
    private static final Set<CaseStage> REPLACED_BY_LEGAL_AID = EnumSet.of(
            CaseStage.REGISTERED, CaseStage.IN_MEDIATION, CaseStage.MEDIATION_FAILED);
    /** Legal Aid Law art. 42: migrant workers claiming labour remuneration or work-injury damages need no hardship check. */
    private static final Set<DisputeCategory> MIGRANT_WORKER_EXEMPT_CLAIMS = EnumSet.of(
            DisputeCategory.UNPAID_WAGES, DisputeCategory.OVERTIME_PAY, DisputeCategory.WORK_INJURY);

    @AggregateIdentifier
    private String caseId;
    private CaseStage stage;
    private IntakeDetails intake;
    private CourtReferralReceived courtReferral;
    private String mediatorId;
    private LocalDate mediatorReceivedOn;
    private LocalDate originalDeadline;
    private LocalDate mediationDeadline;
    private MediationAgreementReached agreement;
    private MediationExtended lastExtension;
    private MediationFailed failure;
    private AwardRecorded lastAward;
    private AgreementJudiciallyConfirmed confirmation;
    private EnforcementTerminated enforcementTermination;
    /** The business date of the latest act recorded on the case; a closure cannot precede it. */
    private LocalDate lastActOn;
    private Long enforceableFen;
    private long recoveredFen;
    private Map<String, MediationSessionHeld> sessions = new HashMap<>();
    private Map<String, WagePaymentRecorded> payments = new HashMap<>();
    private CaseClosed closure;
    /** The last day of the mediation period whose lapse was recorded, if any. */
    private LocalDate lapsedMediationDeadline;
    private boolean confirmationWindowLapsed;
    private Set<Integer> overdueInstalments = new HashSet<>();
    private LegalAidApplied legalAidApplication;
    private boolean legalAidDecisionOverdue;
    private String legalAidLawyerId;
    private LegalAidBasis legalAidBasis;
    private LocalDate legalAidDecidedOn;
    /** The latest relief application; undecided while {@code reliefPending}. */
    private ReliefApplied reliefApplication;
    private boolean reliefPending;
    private ReliefApproved reliefApproval;
    private ReliefRejected lastReliefRejection;
    private ReliefPaid reliefPaid;
    private long reliefRepaidFen;

    protected DisputeCase() {
        // for Axon: state is rebuilt from events
    }

    // ---- intake -------------------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RegisterDispute command, MetaData metaData) {
        requireWriter(Acting.from(metaData));
        if (caseId != null) {
            return repeatedIntake(command.caseId(), command.intake(), null);
        }
        requireIntakeFacts(command.intake());
        apply(registered(command.caseId(), command.intake()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ReceiveCourtReferral command, MetaData metaData) {
        requireOwnCourtIfLiaison(Acting.from(metaData), command.court());
        ReferralRegime regime = MediationPeriods.regimeFor(command.referredOn());
        CourtReferralReceived referral = new CourtReferralReceived(command.caseId(), command.court(),
                blankToNull(command.courtCaseNumber()), command.referralKind(), command.procedure(),
                command.referredOn(), command.partiesConsented(), regime,
                MediationPeriods.courtReferralDays(command.referralKind(), command.procedure()),
                MediationPeriods.maxExtensionDays(regime));
        if (caseId != null) {
            return repeatedIntake(command.caseId(), command.intake(), referral);
        }
        requireIntakeFacts(command.intake());
        requireReferralAllowedUnderItsRegime(referral);
        if (command.referredOn().isAfter(command.intake().registeredOn())) {
            throw new InvalidCommand("referredOn", "a referral cannot be dated after the day it is recorded");
        }
        apply(registered(command.caseId(), command.intake()));
        apply(referral);
        return AggregateLifecycle.getVersion();
    }

    /**
     * The regime follows the referral date (SPC opinion on case filing and mediation, effective
     * 2025-01-01): from then on a case is filed at court first, so it carries a court case number,
     * pre-filing delegation no longer exists, and entrusted mediation needs the parties' consent.
     */
    private static void requireReferralAllowedUnderItsRegime(CourtReferralReceived referral) {
        if (referral.regime() == ReferralRegime.FILING_FIRST_2025) {
            if (referral.referralKind() == ReferralKind.PRE_FILING_DELEGATED) {
                throw new InvalidCommand("referralKind",
                        "pre-filing delegated mediation ended on 2024-12-31; from 2025-01-01 a court refers only filed cases (ENTRUSTED)");
            }
            if (referral.courtCaseNumber() == null) {
                throw new InvalidCommand("courtCaseNumber",
                        "from 2025-01-01 a referred case must be registered at court first: the court case number is required");
            }
            if (!referral.partiesConsented()) {
                throw new InvalidCommand("partiesConsented",
                        "from 2025-01-01 entrusted mediation needs the parties' consent");
            }
        } else if (referral.referralKind() == ReferralKind.ENTRUSTED && referral.courtCaseNumber() == null) {
            throw new InvalidCommand("courtCaseNumber",
                    "entrusted mediation concerns a filed case: the court case number is required");
        }
    }

    private static void requireIntakeFacts(IntakeDetails intake) {
        if (intake.claimedFen() <= 0) {
            throw new InvalidCommand("claimedFen", "the claimed amount must be positive");
        }
        if (intake.respondents().isEmpty()) {
            throw new InvalidCommand("respondents", "at least one respondent must be named");
        }
        if (intake.appliedOn().isAfter(intake.registeredOn())) {
            throw new InvalidCommand("appliedOn", "the worker cannot have applied after the day the case is registered");
        }
    }

    private long repeatedIntake(String id, IntakeDetails repeated, CourtReferralReceived repeatedReferral) {
        boolean sameReferral = courtReferral == null
                ? repeatedReferral == null
                : repeatedReferral != null && courtReferral.equals(repeatedReferral);
        if (!intake.describesSameDisputeAs(repeated) || !sameReferral) {
            throw new ConflictingRepeat("case " + id + " is already registered with different facts");
        }
        return AggregateLifecycle.getVersion();
    }

    private static DisputeRegistered registered(String caseId, IntakeDetails intake) {
        return new DisputeRegistered(caseId, intake.claimant(), intake.respondents(), intake.category(),
                intake.claimedFen(), intake.channel(), intake.district(), intake.facts(),
                intake.appliedOn(), intake.registeredOn());
    }

    // ---- mediation ----------------------------------------------------------------------------

    /**
     * The mediator signs for the file. A court referral's clock starts at this receipt; union mediation
     * runs 15 days from the worker's application (LDMAL art. 14). A new mediator takes over the period
     * already running. Beyond the lawyer's maxActiveCases staff must record why.
     */
    @CommandHandler
    public long handle(AssignMediator command, LawyerCaseloads caseloads, DeadlineManager deadlines, MetaData metaData) {
        requireWriter(Acting.from(metaData));
        requireOpen();
        if (command.lawyerId().equals(mediatorId)) {
            if (command.receivedOn().equals(mediatorReceivedOn)) {
                return AggregateLifecycle.getVersion();
            }
            throw new ConflictingRepeat("lawyer " + mediatorId + " already signed for this file on " + mediatorReceivedOn);
        }
        if (stage != CaseStage.REGISTERED && stage != CaseStage.IN_MEDIATION) {
            throw new ProcessRuleViolation("a mediator can be assigned only before mediation has ended; the case is " + stage);
        }
        if (mediationDeadline != null) {
            requireCourtPeriodNotOver("receivedOn", command.receivedOn());
        }
        if (command.receivedOn().isBefore(startOfCase())) {
            throw new ProcessRuleViolation("receivedOn", "the mediator cannot receive the file before the case reached the union ("
                    + startOfCase() + ")");
        }
        LawyerStanding standing = caseloads.standingForAssignment(command.lawyerId())
                .orElseThrow(() -> new UnknownLawyer(command.lawyerId()));
        if (standing.atLimit() && isBlank(command.overLimitReason())) {
            throw new ProcessRuleViolation("overLimitReason", "lawyer " + command.lawyerId() + " already has "
                    + standing.activeCases() + " active cases, their limit is " + standing.maxActiveCases()
                    + "; assign another lawyer or record an overLimitReason");
        }
        boolean periodStarts = mediationDeadline == null;
        LocalDate deadline = periodStarts ? firstMediationDeadline(command.receivedOn()) : mediationDeadline;
        apply(new MediatorAssigned(caseId, command.lawyerId(), command.receivedOn(), deadline, mediatorId,
                standing.atLimit() ? command.overLimitReason() : blankToNull(command.overLimitReason())));
        if (periodStarts) {
            // a new mediator takes over the period already running: only the first receipt schedules it
            deadlines.schedule(CaseDeadlines.endOf(deadline), CaseDeadlines.MEDIATION_PERIOD, new MediationPeriodEnds(deadline));
        }
        return AggregateLifecycle.getVersion();
    }

    private LocalDate firstMediationDeadline(LocalDate receivedOn) {
        if (courtReferral != null) {
            return MediationPeriods.lastDay(receivedOn, courtReferral.mediationPeriodDays());
        }
        return MediationPeriods.lastDay(intake.appliedOn(), MediationPeriods.UNION_MEDIATION_DAYS);
    }

    @CommandHandler
    public long handle(RecordMediationSession command, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        MediationSessionHeld session = new MediationSessionHeld(caseId, command.sessionId(), command.heldOn(), command.summary());
        MediationSessionHeld earlier = sessions.get(command.sessionId());
        if (earlier != null) {
            return repeatOf(earlier, session, "session " + command.sessionId());
        }
        requireOpen();
        requireStage(CaseStage.IN_MEDIATION, "a mediation session");
        requireNotBefore("heldOn", command.heldOn(), mediatorReceivedOn, "the mediator received the file");
        requireCourtPeriodNotOver("heldOn", command.heldOn());
        apply(session);
        return AggregateLifecycle.getVersion();
    }

    /**
     * The parties may agree to extend mediation (LDMAL art. 14 for union mediation). Consent must be
     * given while the period runs; from 2025-01-01 a court referral may be extended by at most 30 days.
     */
    @CommandHandler
    public long handle(ExtendMediation command, DeadlineManager deadlines, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        if (lastExtension != null && lastExtension.newDeadline().equals(command.newDeadline())
                && lastExtension.consentRecordedOn().equals(command.consentRecordedOn())) {
            return AggregateLifecycle.getVersion();
        }
        requireOpen();
        requireStage(CaseStage.IN_MEDIATION, "an extension of mediation");
        if (!command.newDeadline().isAfter(mediationDeadline)) {
            throw new InvalidCommand("newDeadline", "the new deadline must be after the current one (" + mediationDeadline + ")");
        }
        if (command.consentRecordedOn().isAfter(mediationDeadline)) {
            throw new ProcessRuleViolation("consentRecordedOn", "consent must be given before the mediation period ends ("
                    + mediationDeadline + ")");
        }
        requireNotBefore("consentRecordedOn", command.consentRecordedOn(), mediatorReceivedOn, "the mediator received the file");
        if (courtReferral != null && courtReferral.maxExtensionDays() != null) {
            long extension = ChronoUnit.DAYS.between(originalDeadline, command.newDeadline());
            if (extension > courtReferral.maxExtensionDays()) {
                throw new ProcessRuleViolation("newDeadline", "a court referral from 2025-01-01 may be extended by consent by at most "
                        + courtReferral.maxExtensionDays() + " days, i.e. until " + originalDeadline.plusDays(courtReferral.maxExtensionDays()));
            }
        }
        apply(new MediationExtended(caseId, mediationDeadline, command.newDeadline(), command.consentRecordedOn()));
        deadlines.cancelAllWithinScope(CaseDeadlines.MEDIATION_PERIOD);
        deadlines.schedule(CaseDeadlines.endOf(command.newDeadline()), CaseDeadlines.MEDIATION_PERIOD,
                new MediationPeriodEnds(command.newDeadline()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * An agreement takes effect when both parties and the mediator have signed. Its instalments add up
     * to the agreed amount. A union mediation may still end in agreement after its period, a court
     * referral may not: it goes back to its court.
     */
    @CommandHandler
    public long handle(ReachAgreement command, DeadlineManager deadlines, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        MediationAgreementReached repeated = new MediationAgreementReached(caseId, command.agreedFen(), command.effectiveOn(),
                command.instalments());
        if (repeated.equals(agreement)) {
            return AggregateLifecycle.getVersion();
        }
        requireValidPlan(command);
        requireOpen();
        requireStage(CaseStage.IN_MEDIATION, "a mediation agreement");
        if (command.agreedFen() < recoveredFen) {
            throw new ProcessRuleViolation("agreedFen", "the agreed amount cannot be less than what was already recovered ("
                    + recoveredFen + " fen)");
        }
        requireNotBefore("effectiveOn", command.effectiveOn(), mediatorReceivedOn, "the mediator received the file");
        requireCourtPeriodNotOver("effectiveOn", command.effectiveOn());
        boolean mediationWasRunning = mediationPeriodRuns();
        apply(new MediationAgreementReached(caseId, command.agreedFen(), command.effectiveOn(), command.instalments()));
        if (mediationWasRunning) {
            deadlines.cancelAllWithinScope(CaseDeadlines.MEDIATION_PERIOD);
        }
        LocalDate lastDayToConfirm = MediationPeriods.lastDay(command.effectiveOn(), MediationPeriods.CONFIRMATION_WINDOW_DAYS);
        deadlines.schedule(CaseDeadlines.endOf(lastDayToConfirm), CaseDeadlines.CONFIRMATION_WINDOW,
                new ConfirmationWindowEnds(lastDayToConfirm));
        long dueByThen = 0;
        for (int i = 0; i < command.instalments().size(); i++) {
            Instalment instalment = command.instalments().get(i);
            dueByThen += instalment.amountFen();
            deadlines.schedule(CaseDeadlines.endOf(instalment.dueOn()), CaseDeadlines.instalment(i + 1),
                    new InstalmentFallsDue(i + 1, instalment.dueOn(), dueByThen));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Content that is wrong whatever the case's state: answered 400 before any rule of the process. */
    private static void requireValidPlan(ReachAgreement command) {
        if (command.agreedFen() <= 0) {
            throw new InvalidCommand("agreedFen", "the agreed amount must be positive");
        }
        List<Instalment> instalments = command.instalments();
        if (!instalments.isEmpty()) {
            long total = 0;
            LocalDate previous = null;
            for (int i = 0; i < instalments.size(); i++) {
                Instalment instalment = instalments.get(i);
                if (instalment.amountFen() <= 0) {
                    throw new InvalidCommand("instalments[" + i + "].amountFen", "an instalment must be positive");
                }
                if (instalment.dueOn().isBefore(command.effectiveOn())) {
                    throw new InvalidCommand("instalments[" + i + "].dueOn", "an instalment cannot fall due before the agreement takes effect");
                }
                if (previous != null && !instalment.dueOn().isAfter(previous)) {
                    throw new InvalidCommand("instalments[" + i + "].dueOn", "instalments must fall due in order, one per day at most");
                }
                previous = instalment.dueOn();
                total = Math.addExact(total, instalment.amountFen());
            }
            if (total != command.agreedFen()) {
                throw new InvalidCommand("instalments", "the instalments add up to " + total
                        + " fen but the agreed amount is " + command.agreedFen() + " fen");
            }
        }
    }

    @CommandHandler
    public long handle(RecordMediationFailure command, DeadlineManager deadlines, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        MediationFailed repeated = new MediationFailed(caseId, command.reason(), command.failedOn());
        if (repeated.equals(failure)) {
            return AggregateLifecycle.getVersion();
        }
        requireOpen();
        requireStage(CaseStage.IN_MEDIATION, "a mediation failure");
        requireNotBefore("failedOn", command.failedOn(), mediatorReceivedOn, "the mediator received the file");
        boolean mediationWasRunning = mediationPeriodRuns();
        apply(new MediationFailed(caseId, command.reason(), command.failedOn()));
        if (mediationWasRunning) {
            deadlines.cancelAllWithinScope(CaseDeadlines.MEDIATION_PERIOD);
        }
        return AggregateLifecycle.getVersion();
    }

    // ---- awards and recovery ------------------------------------------------------------------

    /**
     * An arbitration award, judgment or confirmed agreement fixes the enforceable amount, which becomes
     * what is owed. It cannot fall below what the worker already received.
     */
    @CommandHandler
    public long handle(RecordAward command, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        AwardRecorded repeated = new AwardRecorded(caseId, command.kind(), command.enforceableFen(), command.decidedOn(),
                command.reference());
        if (repeated.equals(lastAward)) {
            return AggregateLifecycle.getVersion();
        }
        requireOpen();
        if (command.kind() == AwardKind.CONFIRMED_AGREEMENT && agreement == null) {
            throw new ProcessRuleViolation("kind", "a CONFIRMED_AGREEMENT award needs a mediation agreement on this case");
        }
        if (!AWARDABLE.contains(stage)) {
            throw new ProcessRuleViolation("an award is recorded after mediation ended (agreement or failure); the case is " + stage);
        }
        if (command.enforceableFen() < recoveredFen) {
            throw new ProcessRuleViolation("enforceableFen", "the enforceable amount cannot be less than what was already recovered ("
                    + recoveredFen + " fen)");
        }
        requireNotBefore("decidedOn", command.decidedOn(), intake.appliedOn(), "the worker applied");
        apply(new AwardRecorded(caseId, command.kind(), command.enforceableFen(), command.decidedOn(), command.reference()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A payment never exceeds what is outstanding: owed (award, else agreement, else claim) minus what
     * was recovered. A repeated payment id with the same content is the same payment, counted once.
     */
    @CommandHandler
    public long handle(RecordWagePayment command, DeadlineManager deadlines, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        WagePaymentRecorded earlier = payments.get(command.paymentId());
        if (earlier != null) {
            boolean same = earlier.amountFen() == command.amountFen()
                    && earlier.paidOn().equals(command.paidOn()) && earlier.source() == command.source();
            if (same) {
                return AggregateLifecycle.getVersion();
            }
            throw new ConflictingRepeat("payment " + command.paymentId() + " was already recorded with different content");
        }
        requireOpen();
        if (command.source() == PaymentSource.INSTALMENT && agreement == null) {
            throw new ProcessRuleViolation("source", "an INSTALMENT payment needs a mediation agreement with instalments");
        }
        if (command.amountFen() <= 0) {
            throw new InvalidCommand("amountFen", "a payment must be positive");
        }
        long owed = owedFen();
        long outstanding = owed - recoveredFen;
        if (command.amountFen() > outstanding) {
            throw new ProcessRuleViolation("amountFen", "the payment of " + command.amountFen() + " fen exceeds what is outstanding ("
                    + outstanding + " fen of " + owed + " fen owed)");
        }
        requireNotBefore("paidOn", command.paidOn(), intake.appliedOn(), "the worker applied");
        long recoveredBefore = recoveredFen;
        long recoveredAfter = recoveredFen + command.amountFen();
        apply(new WagePaymentRecorded(caseId, command.paymentId(), command.amountFen(), command.paidOn(), command.source(),
                owed, recoveredAfter, owed - recoveredAfter));
        repayReliefFirst(command);
        cancelDeadlinesMetBy(recoveredBefore, recoveredAfter, owed - recoveredAfter, deadlines);
        return AggregateLifecycle.getVersion();
    }

    /**
     * After a relief payout the fund holds the worker's claim for that amount, and is repaid first from what
     * the employer pays later (DOMAIN.md step 8).
     */
    private void repayReliefFirst(RecordWagePayment payment) {
        if (reliefPaid == null) {
            return;
        }
        long stillOwedToFund = reliefPaid.amountFen() - reliefRepaidFen;
        if (stillOwedToFund > 0) {
            long repaid = Math.min(payment.amountFen(), stillOwedToFund);
            apply(new ReliefRecovered(caseId, reliefPaid.fundId(), payment.paymentId(), repaid, payment.paidOn(),
                    reliefRepaidFen + repaid, stillOwedToFund - repaid));
        }
    }

    /**
     * Instalments this payment paid up, and the confirmation window once nothing is left to enforce. Only
     * deadlines still scheduled are cancelled: each cancellation searches the scheduler's table.
     */
    private void cancelDeadlinesMetBy(long recoveredBefore, long recoveredAfter, long outstandingAfter, DeadlineManager deadlines) {
        if (agreement == null) {
            return;
        }
        long dueByThen = 0;
        for (int i = 0; i < agreement.instalments().size(); i++) {
            dueByThen += agreement.instalments().get(i).amountFen();
            if (recoveredBefore < dueByThen && recoveredAfter >= dueByThen && !overdueInstalments.contains(i + 1)) {
                deadlines.cancelAllWithinScope(CaseDeadlines.instalment(i + 1));
            }
        }
        if (outstandingAfter == 0 && confirmationWindowRuns()) {
            deadlines.cancelAllWithinScope(CaseDeadlines.CONFIRMATION_WINDOW);
        }
    }

    private boolean mediationPeriodRuns() {
        return stage == CaseStage.IN_MEDIATION && !mediationDeadline.equals(lapsedMediationDeadline);
    }

    private boolean confirmationWindowRuns() {
        return agreement != null && confirmation == null && !confirmationWindowLapsed;
    }

    /** The latest binding figure: the enforceable amount, else the agreed amount, else the claim. */
    long owedFen() {
        if (enforceableFen != null) {
            return enforceableFen;
        }
        if (agreement != null) {
            return agreement.agreedFen();
        }
        return intake.claimedFen();
    }

    /**
     * A court confirms the agreement (司法确认): applied for within 30 days of the agreement taking effect
     * (CPL arts. 205-206), it makes the agreed amount enforceable.
     */
    @CommandHandler
    public long handle(ConfirmAgreementJudicially command, DeadlineManager deadlines, MetaData metaData) {
        requireOwnCourtIfLiaison(Acting.from(metaData), command.court());
        requireResponsibleIfLawyer(Acting.from(metaData));
        AgreementJudiciallyConfirmed confirmed = new AgreementJudiciallyConfirmed(caseId, command.court(), command.rulingNumber(),
                command.appliedOn(), command.confirmedOn(), agreement == null ? 0 : agreement.agreedFen());
        if (confirmation != null) {
            return repeatOf(confirmation, confirmed, "the judicial confirmation");
        }
        if (command.confirmedOn().isBefore(command.appliedOn())) {
            throw new InvalidCommand("confirmedOn", "a confirmation cannot precede its application");
        }
        requireOpen();
        requireStage(CaseStage.AGREED, "a judicial confirmation");
        LocalDate lastDayToApply = MediationPeriods.lastDay(agreement.effectiveOn(), MediationPeriods.CONFIRMATION_WINDOW_DAYS);
        requireNotBefore("appliedOn", command.appliedOn(), agreement.effectiveOn(), "the agreement took effect");
        if (command.appliedOn().isAfter(lastDayToApply)) {
            throw new ProcessRuleViolation("appliedOn", "judicial confirmation must be applied for within 30 days of the agreement "
                    + "taking effect (CPL art. 205), i.e. by " + lastDayToApply);
        }
        apply(confirmed);
        deadlines.cancelAllWithinScope(CaseDeadlines.CONFIRMATION_WINDOW);
        return AggregateLifecycle.getVersion();
    }

    /**
     * The court ended enforcement without full payment (终结本次执行). There must be something enforceable
     * (a confirmed agreement or an award) and something still owed.
     */
    @CommandHandler
    public long handle(TerminateEnforcement command, MetaData metaData) {
        requireOwnCourtIfLiaison(Acting.from(metaData), command.court());
        requireResponsibleIfLawyer(Acting.from(metaData));
        if (enforcementTermination != null) {
            EnforcementTerminated repeated = new EnforcementTerminated(caseId, command.court(), command.rulingNumber(),
                    command.terminatedOn(), enforcementTermination.outstandingFen());
            return repeatOf(enforcementTermination, repeated, "the enforcement termination");
        }
        requireOpen();
        if (enforceableFen == null) {
            throw new ProcessRuleViolation("enforcement needs an enforceable title: a judicially confirmed agreement, "
                    + "an arbitration award or a judgment");
        }
        long outstanding = owedFen() - recoveredFen;
        if (outstanding <= 0) {
            throw new ProcessRuleViolation("nothing is outstanding on this case; enforcement has nothing to end");
        }
        requireNotBefore("terminatedOn", command.terminatedOn(), lastActOn, "of the case's latest recorded act");
        apply(new EnforcementTerminated(caseId, command.court(), command.rulingNumber(), command.terminatedOn(), outstanding));
        return AggregateLifecycle.getVersion();
    }

    // ---- legal aid (DOMAIN.md step 5) --------------------------------------------------------------

    /**
     * The worker applied for legal aid; the decision is due within 7 days (Legal Aid Law art. 43). A case
     * returned to its court may apply too: legal aid reopens it.
     */
    @CommandHandler
    public long handle(ApplyForLegalAid command, DeadlineManager deadlines, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        if (legalAidApplication != null && legalAidLawyerId == null) {
            if (legalAidApplication.appliedOn().equals(command.appliedOn())) {
                return AggregateLifecycle.getVersion();
            }
            throw new ConflictingRepeat("a legal-aid application of " + legalAidApplication.appliedOn() + " is being decided");
        }
        if (!isReturnedToCourt()) {
            requireOpen();
        }
        if (legalAidLawyerId != null) {
            throw new ProcessRuleViolation("legal aid was already granted; lawyer " + legalAidLawyerId + " represents the worker");
        }
        requireNotBefore("appliedOn", command.appliedOn(), intake.appliedOn(), "the worker applied for mediation");
        LocalDate decisionDueOn = MediationPeriods.lastDay(command.appliedOn(), MediationPeriods.LEGAL_AID_DECISION_DAYS);
        apply(new LegalAidApplied(caseId, command.appliedOn(), decisionDueOn));
        deadlines.schedule(CaseDeadlines.endOf(decisionDueOn), CaseDeadlines.LEGAL_AID_DECISION,
                new LegalAidDecisionDue(command.appliedOn(), decisionDueOn));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Legal aid is granted and a lawyer assigned (Legal Aid Law arts. 43-44); the mediator is released. With
     * no lawyer named, the lawyer with the lowest caseload under their limit is chosen (DOMAIN.md step 5).
     * A request that repeats the current assignment's basis and date, naming its lawyer or none, is a retry
     * and changes nothing: a repeated automatic request never moves the case to someone else.
     */
    @CommandHandler
    public long handle(AssignLegalAid command, LawyerCaseloads caseloads, DeadlineManager deadlines, MetaData metaData) {
        requireWriter(Acting.from(metaData));
        if (command.basis() == null) {
            throw new InvalidCommand("basis", "the basis of legal aid is required");
        }
        if (command.basis() == LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM && !MIGRANT_WORKER_EXEMPT_CLAIMS.contains(intake.category())) {
            throw new InvalidCommand("basis", "the migrant-worker exemption (Legal Aid Law art. 42) covers claims for wages or "
                    + "work-injury damages; this claim is " + intake.category());
        }
        if (legalAidLawyerId != null) {
            boolean sameLawyer = isBlank(command.lawyerId()) || command.lawyerId().equals(legalAidLawyerId);
            boolean sameDecision = command.basis() == legalAidBasis && command.decidedOn().equals(legalAidDecidedOn);
            if (sameLawyer && sameDecision) {
                return AggregateLifecycle.getVersion();
            }
            if (command.lawyerId() != null && command.lawyerId().equals(legalAidLawyerId)) {
                throw new ConflictingRepeat("lawyer " + legalAidLawyerId + " already represents the worker, on "
                        + legalAidDecidedOn + " as " + legalAidBasis);
            }
        }
        boolean reopening = isReturnedToCourt();
        if (!reopening) {
            requireOpen();
            boolean mediationOver = stage == CaseStage.IN_MEDIATION && command.decidedOn().isAfter(mediationDeadline);
            if (!REPRESENTABLE.contains(stage) && !mediationOver) {
                throw new ProcessRuleViolation("legal aid is granted when mediation failed or its period is over, or the case "
                        + "otherwise needs representation; mediation is running until " + mediationDeadline);
            }
        }
        requireNotBefore("decidedOn", command.decidedOn(),
                legalAidApplication != null ? legalAidApplication.appliedOn() : intake.appliedOn(), "legal aid was applied for");
        boolean automatic = isBlank(command.lawyerId());
        LawyerStanding standing;
        if (automatic) {
            standing = caseloads.lowestCaseloadUnderLimit(legalAidLawyerId).orElseThrow(() -> new ProcessRuleViolation("lawyerId",
                    "every lawyer is at their limit of active cases; name a lawyer and record an overLimitReason"));
        } else {
            standing = caseloads.standingForAssignment(command.lawyerId()).orElseThrow(() -> new UnknownLawyer(command.lawyerId()));
            if (standing.atLimit() && isBlank(command.overLimitReason())) {
                throw new ProcessRuleViolation("overLimitReason", "lawyer " + command.lawyerId() + " already has "
                        + standing.activeCases() + " active cases, their limit is " + standing.maxActiveCases()
                        + "; assign another lawyer or record an overLimitReason");
            }
        }
        String overLimitReason = standing.atLimit() ? command.overLimitReason() : null;
        boolean mediationWasRunning = mediationPeriodRuns();
        boolean decisionWasPending = legalAidApplication != null && legalAidLawyerId == null && !legalAidDecisionOverdue;
        if (legalAidLawyerId == null) {
            apply(new LegalAidAssigned(caseId, standing.lawyerId(), command.basis(), command.decidedOn(),
                    reopening ? null : mediatorId, automatic, overLimitReason, reopening));
        } else {
            apply(new LegalAidReassigned(caseId, legalAidLawyerId, standing.lawyerId(), command.decidedOn(), automatic, overLimitReason));
        }
        if (mediationWasRunning) {
            deadlines.cancelAllWithinScope(CaseDeadlines.MEDIATION_PERIOD);
        }
        if (decisionWasPending) {
            deadlines.cancelAllWithinScope(CaseDeadlines.LEGAL_AID_DECISION);
        }
        return AggregateLifecycle.getVersion();
    }

    /** A court-referred case that went back to its court; legal aid may reopen it (DOMAIN.md step 3). */
    private boolean isReturnedToCourt() {
        return stage == CaseStage.CLOSED && closure.outcome() == ClosureOutcome.RETURNED_TO_COURT;
    }

    // ---- relief (DOMAIN.md step 8); approval, rejection and payout come from the relief saga ---------

    /**
     * Relief may be applied for only once enforcement ended without payment (DOMAIN.md step 7), while money
     * is outstanding, once per case. After a rejection the worker may apply again.
     */
    @CommandHandler
    public long handle(ApplyForRelief command, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        if (reliefPending || (reliefApplication != null && lastReliefRejection == null)) {
            boolean same = reliefApplication.fundId().equals(command.fundId())
                    && reliefApplication.requestedFen() == command.requestedFen()
                    && Objects.equals(reliefApplication.hardship(), command.hardship())
                    && reliefApplication.appliedOn().equals(command.appliedOn());
            if (same) {
                return AggregateLifecycle.getVersion();
            }
            if (reliefPending) {
                throw new ConflictingRepeat("a relief application to fund " + reliefApplication.fundId() + " is being decided");
            }
        }
        if (command.requestedFen() <= 0) {
            throw new InvalidCommand("requestedFen", "the amount requested must be positive");
        }
        requireOpen();
        if (enforcementTermination == null) {
            throw new ProcessRuleViolation("relief may be applied for only after the court ended enforcement without payment");
        }
        if (reliefApproval != null) {
            throw new ProcessRuleViolation("one relief payout per case: " + reliefApproval.amountFen() + " fen from fund "
                    + reliefApproval.fundId() + " was already approved");
        }
        long outstanding = owedFen() - recoveredFen;
        if (outstanding <= 0) {
            throw new ProcessRuleViolation("nothing is outstanding on this case");
        }
        requireNotBefore("appliedOn", command.appliedOn(), enforcementTermination.terminatedOn(), "enforcement was terminated");
        apply(new ReliefApplied(caseId, command.fundId(), intake.claimant().claimantKey(), command.requestedFen(),
                command.hardship(), command.appliedOn(), outstanding));
        return AggregateLifecycle.getVersion();
    }

    /** The fund reserved the amount; the case must still owe at least that much to the worker. */
    @CommandHandler
    public long handle(ApproveRelief command) {
        if (reliefApproval != null && reliefApproval.fundId().equals(command.fundId())
                && reliefApproval.amountFen() == command.amountFen()) {
            return AggregateLifecycle.getVersion();
        }
        requireOpen();
        requirePendingRelief(command.fundId());
        long outstanding = owedFen() - recoveredFen;
        if (command.amountFen() <= 0 || command.amountFen() > outstanding) {
            throw new ProcessRuleViolation("amountFen", "relief of " + command.amountFen() + " fen exceeds what is outstanding ("
                    + outstanding + " fen)");
        }
        apply(new ReliefApproved(caseId, command.fundId(), command.amountFen(), command.approvedOn()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(RejectRelief command) {
        if (!reliefPending && lastReliefRejection != null && reliefApproval == null
                && lastReliefRejection.fundId().equals(command.fundId())) {
            return AggregateLifecycle.getVersion();
        }
        if (reliefApproval != null) {
            throw new ProcessRuleViolation("relief from fund " + reliefApproval.fundId() + " was already approved");
        }
        requirePendingRelief(command.fundId());
        apply(new ReliefRejected(caseId, command.fundId(), command.reason(), command.detail()));
        return AggregateLifecycle.getVersion();
    }

    /** The fund paid the worker. What the employer owes is unchanged: the fund steps into the claim. */
    @CommandHandler
    public long handle(RecordReliefPaid command) {
        ReliefPaid paid = new ReliefPaid(caseId, command.fundId(), command.amountFen(), command.paidOn());
        if (reliefPaid != null) {
            return repeatOf(reliefPaid, paid, "the relief payout");
        }
        if (reliefApproval == null || !reliefApproval.fundId().equals(command.fundId())
                || reliefApproval.amountFen() != command.amountFen()) {
            throw new ProcessRuleViolation("no relief of " + command.amountFen() + " fen from fund " + command.fundId()
                    + " was approved on this case");
        }
        apply(paid);
        return AggregateLifecycle.getVersion();
    }

    private void requirePendingRelief(String fundId) {
        if (!reliefPending || !reliefApplication.fundId().equals(fundId)) {
            throw new ProcessRuleViolation("no relief application to fund " + fundId + " is being decided on this case");
        }
    }

    // ---- deadlines (docs/deadlines.md); each records nothing when it was met meanwhile -------------

    @DeadlineHandler(deadlineName = CaseDeadlines.MEDIATION_PERIOD)
    void on(MediationPeriodEnds deadline) {
        boolean unmet = stage == CaseStage.IN_MEDIATION && deadline.lastDay().equals(mediationDeadline);
        if (unmet && !deadline.lastDay().equals(lapsedMediationDeadline)) {
            apply(new MediationPeriodLapsed(caseId, deadline.lastDay(), courtReferral != null));
        }
    }

    @DeadlineHandler(deadlineName = CaseDeadlines.CONFIRMATION_WINDOW)
    void on(ConfirmationWindowEnds deadline) {
        boolean unmet = stage != CaseStage.CLOSED && agreement != null && confirmation == null && owedFen() > recoveredFen;
        if (unmet && !confirmationWindowLapsed) {
            apply(new ConfirmationWindowLapsed(caseId, deadline.lastDay()));
        }
    }

    /** Instalment deadlines have one name each; this handler takes them all by their payload. */
    @DeadlineHandler
    void on(InstalmentFallsDue deadline) {
        boolean unmet = stage != CaseStage.CLOSED && agreement != null && recoveredFen < deadline.dueByThenFen();
        if (unmet && !overdueInstalments.contains(deadline.number())) {
            apply(new InstalmentOverdue(caseId, deadline.number(), deadline.dueOn(), deadline.dueByThenFen(), recoveredFen));
        }
    }

    @DeadlineHandler(deadlineName = CaseDeadlines.LEGAL_AID_DECISION)
    void on(LegalAidDecisionDue deadline) {
        boolean unmet = stage != CaseStage.CLOSED && legalAidLawyerId == null && legalAidApplication != null
                && legalAidApplication.appliedOn().equals(deadline.appliedOn());
        if (unmet && !legalAidDecisionOverdue) {
            apply(new LegalAidDecisionOverdue(caseId, deadline.appliedOn(), deadline.decisionDueOn()));
        }
    }

    // ---- closure ------------------------------------------------------------------------------

    /** The outcome must be true of the case: a case is recovered in full only when nothing is outstanding. */
    @CommandHandler
    public long handle(CloseCase command, DeadlineManager deadlines, MetaData metaData) {
        requireResponsibleIfLawyer(Acting.from(metaData));
        if (closure != null) {
            if (closure.outcome() == command.outcome() && closure.closedOn().equals(command.closedOn())) {
                return AggregateLifecycle.getVersion();
            }
            throw new ProcessRuleViolation("the case was already closed on " + closure.closedOn() + " as " + closure.outcome());
        }
        long outstanding = owedFen() - recoveredFen;
        switch (command.outcome()) {
            case RECOVERED_IN_FULL -> {
                if (outstanding > 0) {
                    throw new ProcessRuleViolation("outcome", "RECOVERED_IN_FULL needs nothing outstanding; " + outstanding + " fen is still owed");
                }
            }
            case RECOVERED_IN_PART -> {
                if (recoveredFen == 0 || outstanding == 0) {
                    throw new ProcessRuleViolation("outcome", "RECOVERED_IN_PART needs some money recovered and some still owed");
                }
            }
            case RETURNED_TO_COURT -> {
                if (courtReferral == null) {
                    throw new ProcessRuleViolation("outcome", "only a court-referred case can be returned to court");
                }
                if (!RETURNABLE_TO_COURT.contains(stage)) {
                    throw new ProcessRuleViolation("outcome", "a court-referred case goes back to its court when mediation "
                            + "did not succeed; this one is " + stage);
                }
            }
            case TRANSFERRED_TO_ARBITRATION -> {
                // LDMAL art. 14: after a failure, or once the 15 days passed without agreement
                boolean lapsed = stage == CaseStage.IN_MEDIATION && command.closedOn().isAfter(mediationDeadline);
                if (courtReferral != null) {
                    throw new ProcessRuleViolation("outcome", "a court-referred case goes back to its court (RETURNED_TO_COURT), not to arbitration");
                }
                if (stage != CaseStage.MEDIATION_FAILED && !lapsed) {
                    throw new ProcessRuleViolation("outcome", "a case goes to arbitration after mediation failed or its period ended; the case is " + stage);
                }
            }
            case RELIEF_PAID -> {
                if (reliefPaid == null) {
                    throw new ProcessRuleViolation("outcome", "no relief payout has been recorded for this case");
                }
            }
            case WITHDRAWN -> {
                // the worker may withdraw at any stage
            }
        }
        if (reliefPending || (reliefApproval != null && reliefPaid == null)) {
            throw new ProcessRuleViolation("a relief application to fund " + reliefApplication.fundId()
                    + " is being decided; the case can be closed once it is paid or rejected");
        }
        requireNotBefore("closedOn", command.closedOn(), intake.registeredOn(), "the case was registered");
        requireNotBefore("closedOn", command.closedOn(), lastActOn, "of the case's latest recorded act");
        boolean mediationRuns = mediationPeriodRuns();
        boolean confirmationRuns = confirmationWindowRuns() && owedFen() > recoveredFen;
        boolean legalAidDecisionRuns = legalAidApplication != null && legalAidLawyerId == null && !legalAidDecisionOverdue;
        apply(new CaseClosed(caseId, command.outcome(), command.closedOn()));
        cancelRunningDeadlines(mediationRuns, confirmationRuns, legalAidDecisionRuns, deadlines);
        return AggregateLifecycle.getVersion();
    }

    /** Cancels only what is still scheduled: each cancellation searches the scheduler's table. */
    private void cancelRunningDeadlines(boolean mediationRuns, boolean confirmationRuns, boolean legalAidDecisionRuns,
                                        DeadlineManager deadlines) {
        if (mediationRuns) {
            deadlines.cancelAllWithinScope(CaseDeadlines.MEDIATION_PERIOD);
        }
        if (confirmationRuns) {
            deadlines.cancelAllWithinScope(CaseDeadlines.CONFIRMATION_WINDOW);
        }
        if (legalAidDecisionRuns) {
            deadlines.cancelAllWithinScope(CaseDeadlines.LEGAL_AID_DECISION);
        }
        if (agreement != null) {
            long dueByThen = 0;
            for (int i = 0; i < agreement.instalments().size(); i++) {
                dueByThen += agreement.instalments().get(i).amountFen();
                if (recoveredFen < dueByThen && !overdueInstalments.contains(i + 1)) {
                    deadlines.cancelAllWithinScope(CaseDeadlines.instalment(i + 1));
                }
            }
        }
    }

    // ---- rules shared by several commands -----------------------------------------------------

    // ---- who may write to this case (DOMAIN.md, "The people and what they may do") ---------------------
    // Roles per endpoint are checked at the door (SecurityConfig); what depends on the case is checked here,
    // against the case's own state.

    /** Auditors read and verify; they never write, whatever door they found. */
    private static void requireWriter(Acting acting) {
        if (acting.isAuditor()) {
            throw new NotYours("auditors read, replay and verify the record; they never write to it");
        }
    }

    /** A lawyer writes only to a case they are responsible for now: its legal-aid lawyer once assigned, before that its mediator. */
    private void requireResponsibleIfLawyer(Acting acting) {
        requireWriter(acting);
        String responsible = responsibleLawyerId();
        if (acting.isLawyer() && (responsible == null || !responsible.equals(acting.boundTo()))) {
            throw new NotYours("only the lawyer responsible for case " + caseId + " may do this, and that is not "
                    + acting.actorId());
        }
    }

    /** A court liaison officer refers disputes from, and records rulings of, their own court only. */
    private static void requireOwnCourtIfLiaison(Acting acting, String court) {
        requireWriter(acting);
        if (acting.isCourtLiaison() && !Objects.equals(acting.boundTo(), court)) {
            throw new NotYours("court", "a court liaison officer acts only for their own court (" + acting.boundTo()
                    + "), and this names " + court);
        }
    }

    private String responsibleLawyerId() {
        return legalAidLawyerId != null ? legalAidLawyerId : mediatorId;
    }

    private void requireOpen() {
        if (stage == CaseStage.CLOSED) {
            throw new ProcessRuleViolation("the case was closed on " + closure.closedOn() + " (" + closure.outcome() + ")");
        }
    }

    private void requireStage(CaseStage required, String what) {
        if (stage != required) {
            throw new ProcessRuleViolation(what + " needs the case to be " + required + "; it is " + stage);
        }
    }

    /** A court-referred case whose period ended goes back to its court and takes no more mediation acts. */
    private void requireCourtPeriodNotOver(String field, LocalDate actOn) {
        if (courtReferral != null && actOn.isAfter(mediationDeadline)) {
            throw new ProcessRuleViolation(field, "the court's mediation period ended on " + mediationDeadline
                    + "; the case goes back to " + courtReferral.court());
        }
    }

    private static void requireNotBefore(String field, LocalDate date, LocalDate earliest, String what) {
        if (earliest != null && date.isBefore(earliest)) {
            throw new ProcessRuleViolation(field, field + " cannot be before the day " + what + " (" + earliest + ")");
        }
    }

    private LocalDate startOfCase() {
        return courtReferral != null ? courtReferral.referredOn() : intake.appliedOn();
    }

    private static <E> long repeatOf(E earlier, E repeated, String what) {
        if (!Objects.equals(earlier, repeated)) {
            throw new ConflictingRepeat(what + " was already recorded with different content");
        }
        return AggregateLifecycle.getVersion();
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text;
    }

    // ---- state --------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(DisputeRegistered event) {
        caseId = event.caseId();
        lastActOn = event.appliedOn();
        stage = CaseStage.REGISTERED;
        intake = new IntakeDetails(event.claimant(), event.respondents(), event.category(), event.claimedFen(),
                event.channel(), event.district(), event.facts(), event.appliedOn(), event.registeredOn());
    }

    @EventSourcingHandler
    void on(CourtReferralReceived event) {
        courtReferral = event;
    }

    @EventSourcingHandler
    void on(MediatorAssigned event) {
        stage = CaseStage.IN_MEDIATION;
        mediatorId = event.lawyerId();
        mediatorReceivedOn = event.receivedOn();
        lastActOn = latest(lastActOn, event.receivedOn());
        if (originalDeadline == null) {
            originalDeadline = event.mediationDeadline();
        }
        mediationDeadline = event.mediationDeadline();
    }

    @EventSourcingHandler
    void on(MediationSessionHeld event) {
        sessions.put(event.sessionId(), event);
        lastActOn = latest(lastActOn, event.heldOn());
    }

    @EventSourcingHandler
    void on(MediationExtended event) {
        mediationDeadline = event.newDeadline();
        lastExtension = event;
        lastActOn = latest(lastActOn, event.consentRecordedOn());
    }

    @EventSourcingHandler
    void on(MediationAgreementReached event) {
        stage = CaseStage.AGREED;
        agreement = event;
        lastActOn = latest(lastActOn, event.effectiveOn());
    }

    @EventSourcingHandler
    void on(MediationFailed event) {
        stage = CaseStage.MEDIATION_FAILED;
        failure = event;
        lastActOn = latest(lastActOn, event.failedOn());
    }

    @EventSourcingHandler
    void on(AwardRecorded event) {
        stage = CaseStage.AWARDED;
        enforceableFen = event.enforceableFen();
        lastAward = event;
        lastActOn = latest(lastActOn, event.decidedOn());
    }

    @EventSourcingHandler
    void on(WagePaymentRecorded event) {
        payments.put(event.paymentId(), event);
        recoveredFen = event.recoveredFen();
        lastActOn = latest(lastActOn, event.paidOn());
    }

    @EventSourcingHandler
    void on(AgreementJudiciallyConfirmed event) {
        confirmation = event;
        enforceableFen = event.enforceableFen();
        lastActOn = latest(lastActOn, event.confirmedOn());
    }

    @EventSourcingHandler
    void on(EnforcementTerminated event) {
        stage = CaseStage.ENFORCEMENT_TERMINATED;
        enforcementTermination = event;
        lastActOn = latest(lastActOn, event.terminatedOn());
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        stage = CaseStage.CLOSED;
        closure = event;
    }

    @EventSourcingHandler
    void on(MediationPeriodLapsed event) {
        lapsedMediationDeadline = event.deadline();
    }

    @EventSourcingHandler
    void on(ConfirmationWindowLapsed event) {
        confirmationWindowLapsed = true;
    }

    @EventSourcingHandler
    void on(InstalmentOverdue event) {
        overdueInstalments.add(event.instalmentNumber());
    }

    @EventSourcingHandler
    void on(LegalAidApplied event) {
        legalAidApplication = event;
        legalAidDecisionOverdue = false;
    }

    @EventSourcingHandler
    void on(LegalAidDecisionOverdue event) {
        legalAidDecisionOverdue = true;
    }

    @EventSourcingHandler
    void on(LegalAidAssigned event) {
        if (event.reopened() || REPLACED_BY_LEGAL_AID.contains(stage)) {
            stage = CaseStage.LEGAL_AID;
        }
        if (event.reopened()) {
            closure = null;
        }
        legalAidLawyerId = event.lawyerId();
        legalAidBasis = event.basis();
        legalAidDecidedOn = event.decidedOn();
        lastActOn = latest(lastActOn, event.decidedOn());
    }

    @EventSourcingHandler
    void on(LegalAidReassigned event) {
        legalAidLawyerId = event.lawyerId();
        legalAidDecidedOn = event.reassignedOn();
        lastActOn = latest(lastActOn, event.reassignedOn());
    }

    @EventSourcingHandler
    void on(ReliefApplied event) {
        reliefApplication = event;
        reliefPending = true;
        lastReliefRejection = null;
    }

    @EventSourcingHandler
    void on(ReliefApproved event) {
        reliefApproval = event;
        reliefPending = false;
    }

    @EventSourcingHandler
    void on(ReliefRejected event) {
        lastReliefRejection = event;
        reliefPending = false;
    }

    @EventSourcingHandler
    void on(ReliefPaid event) {
        reliefPaid = event;
    }

    @EventSourcingHandler
    void on(ReliefRecovered event) {
        reliefRepaidFen = event.repaidFen();
    }
}

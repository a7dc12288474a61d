package org.mediationledger.query.casefile;

import org.mediationledger.events.common.CaseStage;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything about one case, its timeline and what is due next ({@code GET /api/cases/{id}}).
 * Field names are the HTTP contract (API.md).
 *
 * @param agreedFen        null until an agreement is reached
 * @param enforceableFen   null until an award, judgment or confirmed agreement is recorded
 * @param legalAid         the legal-aid application and decision; null when there is none
 * @param relief           the latest relief-fund application; null when there is none
 * @param nextDue          the earliest day of a deadline still pending (past days included: then it is overdue)
 * @param version          the sequence of the case's last applied event
 * @param projectionStall  set when the view is held at a gap in the case's events, else null
 */
public record CaseFile(String caseId,
                       CaseStage stage,
                       Claimant claimant,
                       List<Respondent> respondents,
                       DisputeCategory category,
                       IntakeChannel channel,
                       String district,
                       String facts,
                       LocalDate appliedOn,
                       LocalDate registeredOn,
                       long claimedFen,
                       Long agreedFen,
                       Long enforceableFen,
                       long recoveredFen,
                       long outstandingFen,
                       long reliefPaidFen,
                       String mediatorId,
                       String legalAidLawyerId,
                       String responsibleLawyerId,
                       LegalAid legalAid,
                       Relief relief,
                       CourtReferral courtReferral,
                       Agreement agreement,
                       List<Session> sessions,
                       List<Payment> payments,
                       List<Deadline> deadlines,
                       LocalDate nextDue,
                       Closure closure,
                       long version,
                       List<TimelineEntry> timeline,
                       ProjectionStall projectionStall) {

    /**
     * The worker, personal data masked.
     *
     * @param claimantKey the worker's stable, non-personal key (used to ask for erasure)
     * @param idNumber    masked ({@code 110***********1234}), or {@code [erased]}
     * @param phone       masked ({@code 138****5678}), or {@code [erased]}
     */
    public record Claimant(String claimantKey, String name, String idNumber, String phone, EmploymentForm employmentForm) {
    }

    /** @param decisionDueOn the last day for the decision (Legal Aid Law art. 43: 7 days) */
    public record LegalAid(String basis, LocalDate appliedOn, LocalDate decisionDueOn, LocalDate decidedOn, Boolean autoAssigned) {
    }

    /**
     * @param status    APPLIED, RESERVED (approved, the money set aside), PAID or REJECTED
     * @param amountFen what was approved or paid: the least of requested, the fund's per-worker cap and outstanding
     * @param reason    why it was rejected: FUND_UNKNOWN, WORKER_CAP_REACHED, INSUFFICIENT_BALANCE, CASE_NO_LONGER_ELIGIBLE
     * @param repaidFen what later recoveries from the employer have repaid to the fund
     */
    public record Relief(String fundId, String status, Long requestedFen, Long amountFen, String reason, String detail,
                         long repaidFen) {
    }

    public record CourtReferral(String court, String courtCaseNumber, ReferralKind referralKind, CourtProcedure procedure,
                                LocalDate referredOn, ReferralRegime regime) {
    }

    public record Agreement(long agreedFen, LocalDate effectiveOn, List<Instalment> instalments) {
    }

    public record Session(String sessionId, LocalDate heldOn, String summary) {
    }

    public record Payment(String paymentId, long amountFen, LocalDate paidOn, PaymentSource source) {
    }

    /**
     * One deadline of the case (docs/deadlines.md).
     *
     * @param kind     MEDIATION_PERIOD, CONFIRMATION_WINDOW, INSTALMENT or LEGAL_AID_DECISION
     * @param number   the instalment's number, else null
     * @param status   PENDING, MET, LAPSED, OVERDUE, or CANCELLED when the case closed with it pending
     * @param resolved true when a LAPSED or OVERDUE item was made good later
     */
    public record Deadline(String kind, Integer number, LocalDate dueOn, DeadlineStatus status, boolean resolved) {
    }

    public record Closure(ClosureOutcome outcome, LocalDate closedOn) {
    }

    public record TimelineEntry(long sequence, String type, Instant occurredAt, String actorId, String actorRole) {
    }

    /**
     * @param expectedSequence the missing event the view waits for
     * @param receivedSequence the highest event seen past the gap
     */
    public record ProjectionStall(long expectedSequence, long receivedSequence, Instant since, String reason) {
    }
}

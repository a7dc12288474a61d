package org.mediationledger.query.support;

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
import org.mediationledger.events.disputecase.CourtReferralReceived;
import org.mediationledger.events.disputecase.DisputeRegistered;
import org.mediationledger.events.disputecase.MediationAgreementReached;
import org.mediationledger.events.disputecase.MediationExtended;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.MediationSessionHeld;
import org.mediationledger.events.disputecase.MediatorAssigned;
import org.mediationledger.events.disputecase.WagePaymentRecorded;
import org.mediationledger.events.common.LegalAidBasis;
import org.mediationledger.events.common.ReliefRejectionReason;
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
import org.mediationledger.events.wire.PublishedEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The events of one dispute case, in order, with the sequence numbers and running totals the
 * command side would give them. Each method returns the next event; nothing is sent.
 */
public final class CaseStory {

    private final String caseId = UUID.randomUUID().toString();
    private long nextSequence;
    private long claimedFen;
    private Long agreedFen;
    private Long enforceableFen;
    private long recoveredFen;
    private LocalDate mediationDeadline;

    public String caseId() {
        return caseId;
    }

    /** A worker enrolled under {@code idNumber} and their dispute registered as a court referral: unpaid wages, 2,000.00 claimed, 市北区. */
    public PublishedEvent registeredReferral(org.springframework.jdbc.core.JdbcTemplate db, String idNumber) {
        Worker worker = Worker.enrol(db, "工人", idNumber, "13800000000");
        return registered(worker, EmploymentForm.LABOR_CONTRACT, DisputeCategory.UNPAID_WAGES, IntakeChannel.COURT_REFERRAL,
                "市北区", 200_000, LocalDate.of(2025, 6, 1));
    }

    /**
     * Worker {@code n} enrolled, their dispute registered (1,000.00 yuan claimed) and {@code payments} payments of
     * {@code paymentFen}: the events of a fresh case, for tests that count totals over many cases.
     */
    public static List<PublishedEvent> withPayments(org.springframework.jdbc.core.JdbcTemplate db, int n, int payments,
                                                    long paymentFen) {
        Worker worker = Worker.enrol(db, "工人" + n, String.format("3702031990%08d", n), "13800000000");
        CaseStory story = new CaseStory();
        List<PublishedEvent> events = new java.util.ArrayList<>();
        events.add(story.registered(worker, EmploymentForm.PLATFORM_COOPERATION, DisputeCategory.UNPAID_WAGES,
                IntakeChannel.WALK_IN, "市北区", 100_000, LocalDate.of(2025, 6, 1)));
        for (int p = 0; p < payments; p++) {
            events.add(story.paid(paymentFen, LocalDate.of(2025, 6, 2 + p), PaymentSource.INSTALMENT));
        }
        return events;
    }

    public PublishedEvent registered(Worker worker, EmploymentForm form, DisputeCategory category, IntakeChannel channel,
                                     String district, long claimedFen, LocalDate registeredOn) {
        this.claimedFen = claimedFen;
        return next(new DisputeRegistered(caseId, worker.record(form),
                List.of(new Respondent("青岛某某配送服务有限公司", "91370203MA3C0X0X0X"), new Respondent("某外卖平台", null)),
                category, claimedFen, channel, district, "2025年3月至5月送餐工资未结清", registeredOn.minusDays(1), registeredOn),
                "staff", "UNION_STAFF");
    }

    public PublishedEvent referredByCourt(String court, String courtCaseNumber, LocalDate referredOn) {
        return next(new CourtReferralReceived(caseId, court, courtCaseNumber, ReferralKind.ENTRUSTED, CourtProcedure.SIMPLE,
                referredOn, true, ReferralRegime.FILING_FIRST_2025, 7, 30), "court1", "COURT_LIAISON");
    }

    public PublishedEvent mediatorAssigned(String lawyerId, LocalDate receivedOn, LocalDate deadline, String previous) {
        mediationDeadline = deadline;
        return next(new MediatorAssigned(caseId, lawyerId, receivedOn, deadline, previous, null), "staff", "UNION_STAFF");
    }

    public PublishedEvent sessionHeld(LocalDate heldOn, String summary) {
        return next(new MediationSessionHeld(caseId, UUID.randomUUID().toString(), heldOn, summary), "lawyer1", "LAWYER");
    }

    public PublishedEvent extended(LocalDate newDeadline, LocalDate consentRecordedOn) {
        LocalDate previous = mediationDeadline;
        mediationDeadline = newDeadline;
        return next(new MediationExtended(caseId, previous, newDeadline, consentRecordedOn), "lawyer1", "LAWYER");
    }

    public PublishedEvent agreementReached(long agreedFen, LocalDate effectiveOn, List<Instalment> instalments) {
        this.agreedFen = agreedFen;
        return next(new MediationAgreementReached(caseId, agreedFen, effectiveOn, instalments), "lawyer1", "LAWYER");
    }

    public PublishedEvent mediationFailed(LocalDate failedOn) {
        return next(new MediationFailed(caseId, "respondent refused to pay", failedOn), "lawyer1", "LAWYER");
    }

    public PublishedEvent awardRecorded(long enforceableFen, LocalDate decidedOn) {
        this.enforceableFen = enforceableFen;
        return next(new AwardRecorded(caseId, AwardKind.ARBITRATION_AWARD, enforceableFen, decidedOn, "青劳人仲案字〔2025〕第12号"),
                "lawyer1", "LAWYER");
    }

    public PublishedEvent judiciallyConfirmed(LocalDate appliedOn, LocalDate confirmedOn) {
        this.enforceableFen = agreedFen;
        return next(new AgreementJudiciallyConfirmed(caseId, "court1", "(2025)鲁0203民特12号", appliedOn, confirmedOn, agreedFen),
                "court1", "COURT_LIAISON");
    }

    public PublishedEvent enforcementTerminated(LocalDate terminatedOn) {
        long owed = enforceableFen != null ? enforceableFen : agreedFen != null ? agreedFen : claimedFen;
        return next(new EnforcementTerminated(caseId, "court1", "(2025)鲁0203执301号之一", terminatedOn, owed - recoveredFen),
                "court1", "COURT_LIAISON");
    }

    public PublishedEvent paid(long amountFen, LocalDate paidOn, PaymentSource source) {
        recoveredFen += amountFen;
        long owed = enforceableFen != null ? enforceableFen : agreedFen != null ? agreedFen : claimedFen;
        return next(new WagePaymentRecorded(caseId, UUID.randomUUID().toString(), amountFen, paidOn, source,
                owed, recoveredFen, owed - recoveredFen), "lawyer1", "LAWYER");
    }

    /** A payment under a payment id given: the same id twice is one payment (the command side makes a repeat a no-op). */
    public PublishedEvent paidWithId(String paymentId, long amountFen, LocalDate paidOn, PaymentSource source) {
        long owed = enforceableFen != null ? enforceableFen : agreedFen != null ? agreedFen : claimedFen;
        return next(new WagePaymentRecorded(caseId, paymentId, amountFen, paidOn, source, owed, recoveredFen + amountFen,
                owed - recoveredFen - amountFen), "lawyer1", "LAWYER");
    }

    public PublishedEvent sessionHeldWithId(String sessionId, LocalDate heldOn, String summary) {
        return next(new MediationSessionHeld(caseId, sessionId, heldOn, summary), "lawyer1", "LAWYER");
    }

    public PublishedEvent closed(ClosureOutcome outcome, LocalDate closedOn) {
        return next(new CaseClosed(caseId, outcome, closedOn), "lawyer1", "LAWYER");
    }

    public PublishedEvent mediationPeriodLapsed(boolean courtReferred) {
        return next(new MediationPeriodLapsed(caseId, mediationDeadline, courtReferred), "staff", "UNION_STAFF");
    }

    public PublishedEvent confirmationWindowLapsed(LocalDate lastDay) {
        return next(new ConfirmationWindowLapsed(caseId, lastDay), "staff", "UNION_STAFF");
    }

    public PublishedEvent instalmentOverdue(int number, LocalDate dueOn, long dueByThenFen) {
        return next(new InstalmentOverdue(caseId, number, dueOn, dueByThenFen, recoveredFen), "staff", "UNION_STAFF");
    }

    public PublishedEvent legalAidApplied(LocalDate appliedOn) {
        return next(new LegalAidApplied(caseId, appliedOn, appliedOn.plusDays(7)), "lawyer1", "LAWYER");
    }

    public PublishedEvent legalAidDecisionOverdue(LocalDate appliedOn) {
        return next(new LegalAidDecisionOverdue(caseId, appliedOn, appliedOn.plusDays(7)), "staff", "UNION_STAFF");
    }

    public PublishedEvent legalAidAssigned(String lawyerId, String releasedLawyerId, LocalDate decidedOn, boolean reopened) {
        return next(new LegalAidAssigned(caseId, lawyerId, LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM, decidedOn, releasedLawyerId,
                true, null, reopened), "staff", "UNION_STAFF");
    }

    public PublishedEvent legalAidReassigned(String previous, String lawyerId, LocalDate on) {
        return next(new LegalAidReassigned(caseId, previous, lawyerId, on, false, null), "staff", "UNION_STAFF");
    }

    public PublishedEvent reliefApplied(String fundId, String claimantKey, long requestedFen, LocalDate appliedOn) {
        long owed = enforceableFen != null ? enforceableFen : agreedFen != null ? agreedFen : claimedFen;
        return next(new ReliefApplied(caseId, fundId, claimantKey, requestedFen, "无其他收入", appliedOn, owed - recoveredFen),
                "lawyer1", "LAWYER");
    }

    public PublishedEvent reliefApproved(String fundId, long amountFen, LocalDate on) {
        return next(new ReliefApproved(caseId, fundId, amountFen, on), "lawyer1", "LAWYER");
    }

    public PublishedEvent reliefRejected(String fundId, ReliefRejectionReason reason, String detail) {
        return next(new ReliefRejected(caseId, fundId, reason, detail), "lawyer1", "LAWYER");
    }

    public PublishedEvent reliefPaid(String fundId, long amountFen, LocalDate on) {
        return next(new ReliefPaid(caseId, fundId, amountFen, on), "lawyer1", "LAWYER");
    }

    public PublishedEvent reliefRecovered(String fundId, String paymentId, long amountFen, LocalDate on, long repaidFen, long stillOwed) {
        return next(new ReliefRecovered(caseId, fundId, paymentId, amountFen, on, repaidFen, stillOwed), "lawyer1", "LAWYER");
    }

    /** An event of a type this query side does not know, as a newer command side might publish. */
    public PublishedEvent unknownEvent(String type) {
        PublishedEvent placeholder = next(new CaseClosed(caseId, ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 1, 1)),
                "lawyer1", "LAWYER");
        return new PublishedEvent(placeholder.eventId(), placeholder.aggregateType(), placeholder.aggregateId(),
                placeholder.sequence(), placeholder.globalIndex(), type, "1", placeholder.occurredAt(), placeholder.metadata(),
                Envelopes.JSON.createObjectNode().put("caseId", caseId).put("somethingNew", 42));
    }

    private PublishedEvent next(Object payload, String actorId, String actorRole) {
        return Envelopes.wrap(caseId, nextSequence++, payload, actorId, actorRole);
    }
}

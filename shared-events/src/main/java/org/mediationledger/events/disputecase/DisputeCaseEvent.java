package org.mediationledger.events.disputecase;

/**
 * Every fact recorded about one dispute case, in the order the process produces them (DOMAIN.md,
 * "The lifecycle of one dispute"). Each event carries what a reader of the history needs, never a
 * reference to mutable state elsewhere.
 */
public sealed interface DisputeCaseEvent permits
        DisputeRegistered,
        CourtReferralReceived,
        MediatorAssigned,
        MediationSessionHeld,
        MediationExtended,
        MediationAgreementReached,
        MediationFailed,
        AwardRecorded,
        WagePaymentRecorded,
        AgreementJudiciallyConfirmed,
        EnforcementTerminated,
        LegalAidApplied,
        LegalAidAssigned,
        LegalAidReassigned,
        MediationPeriodLapsed,
        ConfirmationWindowLapsed,
        InstalmentOverdue,
        LegalAidDecisionOverdue,
        ReliefApplied,
        ReliefApproved,
        ReliefRejected,
        ReliefPaid,
        ReliefRecovered,
        CaseClosed {

    String caseId();
}

package org.mediationledger.command.disputecase;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.mediationledger.events.common.AwardKind;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.LegalAidBasis;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.common.ReliefRejectionReason;

import java.time.LocalDate;
import java.util.List;

/**
 * What people ask a dispute case to do. {@code expectedVersion} is the version the client last saw
 * ({@code If-Match}); null when it did not pin one.
 */
public final class DisputeCaseCommands {

    private DisputeCaseCommands() {
    }

    public record RegisterDispute(@TargetAggregateIdentifier String caseId, IntakeDetails intake) {
    }

    public record ReceiveCourtReferral(@TargetAggregateIdentifier String caseId,
                                       IntakeDetails intake,
                                       String court,
                                       String courtCaseNumber,
                                       ReferralKind referralKind,
                                       CourtProcedure procedure,
                                       LocalDate referredOn,
                                       boolean partiesConsented) {
    }

    public record AssignMediator(@TargetAggregateIdentifier String caseId,
                                 String lawyerId,
                                 LocalDate receivedOn,
                                 String overLimitReason,
                                 @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordMediationSession(@TargetAggregateIdentifier String caseId,
                                         String sessionId,
                                         LocalDate heldOn,
                                         String summary,
                                         @TargetAggregateVersion Long expectedVersion) {
    }

    public record ExtendMediation(@TargetAggregateIdentifier String caseId,
                                  LocalDate newDeadline,
                                  LocalDate consentRecordedOn,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReachAgreement(@TargetAggregateIdentifier String caseId,
                                 long agreedFen,
                                 LocalDate effectiveOn,
                                 List<Instalment> instalments,
                                 @TargetAggregateVersion Long expectedVersion) {

        public ReachAgreement {
            instalments = instalments == null ? List.of() : List.copyOf(instalments);
        }
    }

    public record RecordMediationFailure(@TargetAggregateIdentifier String caseId,
                                         String reason,
                                         LocalDate failedOn,
                                         @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordAward(@TargetAggregateIdentifier String caseId,
                              AwardKind kind,
                              long enforceableFen,
                              LocalDate decidedOn,
                              String reference,
                              @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordWagePayment(@TargetAggregateIdentifier String caseId,
                                    String paymentId,
                                    long amountFen,
                                    LocalDate paidOn,
                                    PaymentSource source,
                                    @TargetAggregateVersion Long expectedVersion) {
    }

    public record ConfirmAgreementJudicially(@TargetAggregateIdentifier String caseId,
                                             String court,
                                             String rulingNumber,
                                             LocalDate appliedOn,
                                             LocalDate confirmedOn,
                                             @TargetAggregateVersion Long expectedVersion) {
    }

    public record TerminateEnforcement(@TargetAggregateIdentifier String caseId,
                                       String court,
                                       String rulingNumber,
                                       LocalDate terminatedOn,
                                       @TargetAggregateVersion Long expectedVersion) {
    }

    public record CloseCase(@TargetAggregateIdentifier String caseId,
                            ClosureOutcome outcome,
                            LocalDate closedOn,
                            @TargetAggregateVersion Long expectedVersion) {
    }

    // ---- legal aid (DOMAIN.md step 5) -----------------------------------------------------------

    /** The worker applied for legal aid on {@code appliedOn}; the decision is due within 7 days. */
    public record ApplyForLegalAid(@TargetAggregateIdentifier String caseId,
                                   LocalDate appliedOn,
                                   @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Assign (or reassign) the case's legal-aid lawyer. A null {@code lawyerId} asks for the active lawyer
     * with the lowest caseload under their limit.
     */
    public record AssignLegalAid(@TargetAggregateIdentifier String caseId,
                                 String lawyerId,
                                 LegalAidBasis basis,
                                 LocalDate decidedOn,
                                 String overLimitReason,
                                 @TargetAggregateVersion Long expectedVersion) {
    }

    // ---- relief (DOMAIN.md step 8); the last three are sent by the relief saga --------------------

    public record ApplyForRelief(@TargetAggregateIdentifier String caseId,
                                 String fundId,
                                 long requestedFen,
                                 String hardship,
                                 LocalDate appliedOn,
                                 @TargetAggregateVersion Long expectedVersion) {
    }

    public record ApproveRelief(@TargetAggregateIdentifier String caseId,
                                String fundId,
                                long amountFen,
                                LocalDate approvedOn) {
    }

    public record RejectRelief(@TargetAggregateIdentifier String caseId,
                               String fundId,
                               ReliefRejectionReason reason,
                               String detail) {
    }

    public record RecordReliefPaid(@TargetAggregateIdentifier String caseId,
                                   String fundId,
                                   long amountFen,
                                   LocalDate paidOn) {
    }
}

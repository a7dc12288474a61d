package org.mediationledger.command.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.mediationledger.command.web.validation.MobilePhone;
import org.mediationledger.command.web.validation.ResidentIdNumber;
import org.mediationledger.command.web.validation.UnifiedSocialCreditCode;
import org.mediationledger.events.common.AwardKind;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.LegalAidBasis;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReferralKind;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of API.md's command side, checked at the edge: a 400 names the field and the rule and
 * nothing is written. Business dates in the future are invalid ({@code @PastOrPresent} against today in
 * Asia/Shanghai). Amounts are fen, boxed so that a missing amount is told apart from zero.
 */
public final class CaseRequests {

    private CaseRequests() {
    }

    public record ClaimantRequest(@NotBlank @Size(max = 100) String name,
                                  @NotBlank @ResidentIdNumber String idNumber,
                                  @NotBlank @MobilePhone String phone,
                                  @NotNull EmploymentForm employmentForm) {

        /** Never print personal data, whatever logs this. */
        @Override
        public String toString() {
            return "ClaimantRequest[" + name + ", idNumber=***, phone=***, " + employmentForm + "]";
        }
    }

    public record RespondentRequest(@NotBlank @Size(max = 200) String name,
                                    @UnifiedSocialCreditCode String creditCode) {
    }

    public record IntakeRequest(UUID caseId,
                                @NotNull @Valid ClaimantRequest claimant,
                                @NotEmpty @Size(max = 20) List<@NotNull @Valid RespondentRequest> respondents,
                                @NotNull DisputeCategory category,
                                @NotNull @Positive Long claimedFen,
                                @NotNull IntakeChannel channel,
                                @NotBlank @Size(max = 100) String district,
                                @NotBlank @Size(max = 4000) String facts,
                                @PastOrPresent LocalDate appliedOn) {
    }

    public record CourtReferralRequest(UUID caseId,
                                       @NotBlank @Size(max = 100) String court,
                                       @Size(max = 100) String courtCaseNumber,
                                       @NotNull ReferralKind referralKind,
                                       @NotNull CourtProcedure procedure,
                                       @NotNull @PastOrPresent LocalDate referredOn,
                                       @NotNull Boolean partiesConsented,
                                       @NotNull @Valid ClaimantRequest claimant,
                                       @NotEmpty @Size(max = 20) List<@NotNull @Valid RespondentRequest> respondents,
                                       @NotNull DisputeCategory category,
                                       @NotNull @Positive Long claimedFen,
                                       @NotBlank @Size(max = 100) String district,
                                       @NotBlank @Size(max = 4000) String facts) {
    }

    public record AssignMediatorRequest(@NotBlank @Size(max = 64) String lawyerId,
                                        @NotNull @PastOrPresent LocalDate receivedOn,
                                        @Size(max = 1000) String overLimitReason) {
    }

    public record MediationSessionRequest(@NotBlank @Size(max = 64) String sessionId,
                                          @NotNull @PastOrPresent LocalDate heldOn,
                                          @NotBlank @Size(max = 4000) String summary) {
    }

    /** The new deadline lies ahead by nature; only the day consent was recorded must not. */
    public record MediationExtensionRequest(@NotNull LocalDate newDeadline,
                                            @NotNull @PastOrPresent LocalDate consentRecordedOn) {
    }

    public record InstalmentRequest(@NotNull LocalDate dueOn, @NotNull @Positive Long amountFen) {
    }

    public record AgreementRequest(@NotNull @Positive Long agreedFen,
                                   @NotNull @PastOrPresent LocalDate effectiveOn,
                                   @Size(max = 120) List<@NotNull @Valid InstalmentRequest> instalments) {
    }

    public record MediationFailureRequest(@NotBlank @Size(max = 2000) String reason,
                                          @NotNull @PastOrPresent LocalDate failedOn) {
    }

    public record AwardRequest(@NotNull AwardKind kind,
                               @NotNull @Positive Long enforceableFen,
                               @NotNull @PastOrPresent LocalDate decidedOn,
                               @NotBlank @Size(max = 200) String reference) {
    }

    public record PaymentRequest(@NotBlank @Size(max = 64) String paymentId,
                                 @NotNull @Positive Long amountFen,
                                 @NotNull @PastOrPresent LocalDate paidOn,
                                 @NotNull PaymentSource source) {
    }

    public record JudicialConfirmationRequest(@NotBlank @Size(max = 100) String court,
                                              @NotBlank @Size(max = 100) String rulingNumber,
                                              @NotNull @PastOrPresent LocalDate appliedOn,
                                              @NotNull @PastOrPresent LocalDate confirmedOn) {
    }

    public record EnforcementTerminationRequest(@NotBlank @Size(max = 100) String court,
                                                @NotBlank @Size(max = 100) String rulingNumber,
                                                @NotNull @PastOrPresent LocalDate terminatedOn) {
    }

    public record ClosureRequest(@NotNull ClosureOutcome outcome,
                                 @NotNull @PastOrPresent LocalDate closedOn) {
    }

    public record RegisterLawyerRequest(@NotBlank @Size(max = 64) @jakarta.validation.constraints.Pattern(
                                                regexp = "[A-Za-z0-9._-]+", message = "may hold only letters, digits, '.', '_' and '-'")
                                        String lawyerId,
                                        @NotBlank @Size(max = 100) String name,
                                        @NotNull @Positive @jakarta.validation.constraints.Max(1000) Integer maxActiveCases) {
    }

    public record LegalAidApplicationRequest(@NotNull @PastOrPresent LocalDate appliedOn) {
    }

    /** No lawyerId: the lawyer with the lowest caseload under their limit. decidedOn defaults to today. */
    public record LegalAidRequest(@Size(max = 64) String lawyerId,
                                  @NotNull LegalAidBasis basis,
                                  @PastOrPresent LocalDate decidedOn,
                                  @Size(max = 1000) String overLimitReason) {
    }

    /** appliedOn defaults to today. */
    public record ReliefApplicationRequest(@NotNull java.util.UUID fundId,
                                           @NotNull @Positive Long requestedFen,
                                           @NotBlank @Size(max = 2000) String hardship,
                                           @PastOrPresent LocalDate appliedOn) {
    }
}

package org.mediationledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.mediationledger.command.config.RandomIdentifiers;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApplyForLegalAid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApplyForRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignLegalAid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignMediator;
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
import org.mediationledger.command.disputecase.IntakeDetails;
import org.mediationledger.command.pii.PersonalDataProtection;
import org.mediationledger.command.web.CaseRequests.AgreementRequest;
import org.mediationledger.command.web.CaseRequests.AssignMediatorRequest;
import org.mediationledger.command.web.CaseRequests.ClaimantRequest;
import org.mediationledger.command.web.CaseRequests.ClosureRequest;
import org.mediationledger.command.web.CaseRequests.CourtReferralRequest;
import org.mediationledger.command.web.CaseRequests.IntakeRequest;
import org.mediationledger.command.web.CaseRequests.MediationExtensionRequest;
import org.mediationledger.command.web.CaseRequests.MediationFailureRequest;
import org.mediationledger.command.web.CaseRequests.MediationSessionRequest;
import org.mediationledger.command.web.CaseRequests.PaymentRequest;
import org.mediationledger.command.web.CaseRequests.RespondentRequest;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.Respondent;
import org.mediationledger.events.disputecase.ClaimantRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The commands of one dispute case (API.md, "Command side"). Who may send each: {@code SecurityConfig}. */
@RestController
@RequestMapping("/api")
public class CaseCommandController {

    private final CommandExecution commands;
    private final PersonalDataProtection personalData;
    private final Clock clock;

    public CaseCommandController(CommandExecution commands, PersonalDataProtection personalData, Clock clock) {
        this.commands = commands;
        this.personalData = personalData;
        this.clock = clock;
    }

    @PostMapping("/cases")
    public ResponseEntity<Object> registerDispute(@Valid @RequestBody IntakeRequest body, HttpServletRequest request) {
        String caseId = (body.caseId() != null ? body.caseId() : RandomIdentifiers.uuid()).toString();
        LocalDate today = LocalDate.now(clock);
        return commands.execute(request, body, HttpStatus.CREATED,
                expected -> new RegisterDispute(caseId, new IntakeDetails(protect(body.claimant()), respondents(body.respondents()),
                        body.category(), body.claimedFen(), body.channel(), body.district(), body.facts(),
                        body.appliedOn() != null ? body.appliedOn() : today, today)),
                version -> CommandAnswer.forCase(caseId, version), caseLocation(caseId));
    }

    @PostMapping("/court-referrals")
    public ResponseEntity<Object> receiveCourtReferral(@Valid @RequestBody CourtReferralRequest body, HttpServletRequest request) {
        String caseId = (body.caseId() != null ? body.caseId() : RandomIdentifiers.uuid()).toString();
        LocalDate today = LocalDate.now(clock);
        return commands.execute(request, body, HttpStatus.CREATED,
                expected -> new ReceiveCourtReferral(caseId,
                        new IntakeDetails(protect(body.claimant()), respondents(body.respondents()), body.category(),
                                body.claimedFen(), IntakeChannel.COURT_REFERRAL, body.district(), body.facts(),
                                body.referredOn(), today),
                        body.court(), body.courtCaseNumber(), body.referralKind(), body.procedure(), body.referredOn(),
                        body.partiesConsented()),
                version -> CommandAnswer.forCase(caseId, version), caseLocation(caseId));
    }

    @PostMapping("/cases/{caseId}/mediator")
    public ResponseEntity<Object> assignMediator(@PathVariable UUID caseId, @Valid @RequestBody AssignMediatorRequest body,
                                                 HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new AssignMediator(caseId.toString(), body.lawyerId(), body.receivedOn(), body.overLimitReason(), expected));
    }

    @PostMapping("/cases/{caseId}/mediation-sessions")
    public ResponseEntity<Object> recordSession(@PathVariable UUID caseId, @Valid @RequestBody MediationSessionRequest body,
                                                HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.CREATED,
                expected -> new RecordMediationSession(caseId.toString(), body.sessionId(), body.heldOn(), body.summary(), expected));
    }

    @PostMapping("/cases/{caseId}/mediation-extension")
    public ResponseEntity<Object> extendMediation(@PathVariable UUID caseId, @Valid @RequestBody MediationExtensionRequest body,
                                                  HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new ExtendMediation(caseId.toString(), body.newDeadline(), body.consentRecordedOn(), expected));
    }

    @PostMapping("/cases/{caseId}/agreement")
    public ResponseEntity<Object> reachAgreement(@PathVariable UUID caseId, @Valid @RequestBody AgreementRequest body,
                                                 HttpServletRequest request) {
        List<Instalment> instalments = body.instalments() == null ? List.of()
                : body.instalments().stream().map(i -> new Instalment(i.dueOn(), i.amountFen())).toList();
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new ReachAgreement(caseId.toString(), body.agreedFen(), body.effectiveOn(), instalments, expected));
    }

    @PostMapping("/cases/{caseId}/mediation-failure")
    public ResponseEntity<Object> recordFailure(@PathVariable UUID caseId, @Valid @RequestBody MediationFailureRequest body,
                                                HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new RecordMediationFailure(caseId.toString(), body.reason(), body.failedOn(), expected));
    }

    @PostMapping("/cases/{caseId}/award")
    public ResponseEntity<Object> recordAward(@PathVariable UUID caseId, @Valid @RequestBody CaseRequests.AwardRequest body,
                                              HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new RecordAward(caseId.toString(), body.kind(), body.enforceableFen(), body.decidedOn(),
                        body.reference(), expected));
    }

    @PostMapping("/cases/{caseId}/payments")
    public ResponseEntity<Object> recordPayment(@PathVariable UUID caseId, @Valid @RequestBody PaymentRequest body,
                                                HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.CREATED,
                expected -> new RecordWagePayment(caseId.toString(), body.paymentId(), body.amountFen(), body.paidOn(),
                        body.source(), expected));
    }

    @PostMapping("/cases/{caseId}/judicial-confirmation")
    public ResponseEntity<Object> confirmJudicially(@PathVariable UUID caseId,
                                                    @Valid @RequestBody CaseRequests.JudicialConfirmationRequest body,
                                                    HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new ConfirmAgreementJudicially(caseId.toString(), body.court(), body.rulingNumber(),
                        body.appliedOn(), body.confirmedOn(), expected));
    }

    @PostMapping("/cases/{caseId}/enforcement-termination")
    public ResponseEntity<Object> terminateEnforcement(@PathVariable UUID caseId,
                                                       @Valid @RequestBody CaseRequests.EnforcementTerminationRequest body,
                                                       HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new TerminateEnforcement(caseId.toString(), body.court(), body.rulingNumber(),
                        body.terminatedOn(), expected));
    }

    @PostMapping("/cases/{caseId}/legal-aid-application")
    public ResponseEntity<Object> applyForLegalAid(@PathVariable UUID caseId,
                                                   @Valid @RequestBody CaseRequests.LegalAidApplicationRequest body,
                                                   HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new ApplyForLegalAid(caseId.toString(), body.appliedOn(), expected));
    }

    @PostMapping("/cases/{caseId}/legal-aid")
    public ResponseEntity<Object> assignLegalAid(@PathVariable UUID caseId, @Valid @RequestBody CaseRequests.LegalAidRequest body,
                                                 HttpServletRequest request) {
        LocalDate decidedOn = body.decidedOn() != null ? body.decidedOn() : LocalDate.now(clock);
        String lawyerId = body.lawyerId() == null || body.lawyerId().isBlank() ? null : body.lawyerId();
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new AssignLegalAid(caseId.toString(), lawyerId, body.basis(), decidedOn, body.overLimitReason(), expected));
    }

    /** 202: the application is stored; the relief saga decides it and the case file shows the outcome. */
    @PostMapping("/cases/{caseId}/relief-application")
    public ResponseEntity<Object> applyForRelief(@PathVariable UUID caseId,
                                                 @Valid @RequestBody CaseRequests.ReliefApplicationRequest body,
                                                 HttpServletRequest request) {
        LocalDate appliedOn = body.appliedOn() != null ? body.appliedOn() : LocalDate.now(clock);
        return onCase(request, caseId, body, HttpStatus.ACCEPTED,
                expected -> new ApplyForRelief(caseId.toString(), body.fundId().toString(), body.requestedFen(), body.hardship(),
                        appliedOn, expected));
    }

    @PostMapping("/cases/{caseId}/closure")
    public ResponseEntity<Object> closeCase(@PathVariable UUID caseId, @Valid @RequestBody ClosureRequest body,
                                            HttpServletRequest request) {
        return onCase(request, caseId, body, HttpStatus.OK,
                expected -> new CloseCase(caseId.toString(), body.outcome(), body.closedOn(), expected));
    }

    private ResponseEntity<Object> onCase(HttpServletRequest request, UUID caseId, Object body, HttpStatus status,
                                          java.util.function.Function<Long, Object> command) {
        return commands.execute(request, body, status, command, version -> CommandAnswer.forCase(caseId.toString(), version), null);
    }

    private ClaimantRecord protect(ClaimantRequest claimant) {
        return personalData.protect(claimant.name(), claimant.idNumber(), claimant.phone(), claimant.employmentForm());
    }

    private static List<Respondent> respondents(List<RespondentRequest> respondents) {
        return respondents.stream()
                .map(r -> new Respondent(r.name(), r.creditCode() == null || r.creditCode().isBlank() ? null : r.creditCode().toUpperCase()))
                .toList();
    }

    private static URI caseLocation(String caseId) {
        return URI.create("/api/cases/" + caseId);
    }
}

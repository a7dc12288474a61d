package org.mediationledger.command.relief;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApproveRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordReliefPaid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RejectRelief;
import org.mediationledger.command.disputecase.ProcessRuleViolation;
import org.mediationledger.command.relief.ReliefFundCommands.PayOutRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReceiveReliefRecovery;
import org.mediationledger.command.relief.ReliefFundCommands.ReleaseRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReserveRelief;
import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.ReliefApplied;
import org.mediationledger.events.disputecase.ReliefApproved;
import org.mediationledger.events.disputecase.ReliefRecovered;
import org.mediationledger.events.relieffund.ReliefPaidOut;
import org.mediationledger.events.relieffund.ReliefReservationRefused;
import org.mediationledger.events.relieffund.ReliefReserved;
import org.mediationledger.events.wire.EventMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * One relief application, from the case to the fund and back (DOMAIN.md step 8; decision 0011): reserve on
 * the fund, approve on the case, pay out on the fund, record the payout on the case; then forward the
 * employer's later repayments to the fund until it is repaid. Every command it sends is idempotent on its
 * aggregate, so an event delivered again never reserves, pays or repays twice. State lives in the JDBC
 * saga store (Flyway V3).
 */
@Saga
@ProcessingGroup(ReliefApplicationSaga.PROCESSING_GROUP)
public class ReliefApplicationSaga {

    public static final String PROCESSING_GROUP = "relief-saga";
    private static final Logger log = LoggerFactory.getLogger(ReliefApplicationSaga.class);

    private String caseId;
    private String fundId;
    private long amountFen;
    private boolean paid;

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient Clock businessClock;

    @StartSaga
    @SagaEventHandler(associationProperty = "caseId")
    public void on(ReliefApplied applied) {
        caseId = applied.caseId();
        fundId = applied.fundId();
        try {
            send(new ReserveRelief(fundId, caseId, applied.claimantKey(), applied.requestedFen(),
                    applied.outstandingFen()));
        } catch (AggregateNotFoundException unknownFund) {
            send(new RejectRelief(caseId, fundId, ReliefRejectionReason.FUND_UNKNOWN,
                    "no relief fund " + fundId + " exists"));
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = "caseId")
    public void on(ReliefReservationRefused refused) {
        if (!refused.fundId().equals(fundId)) {
            return;
        }
        send(new RejectRelief(caseId, fundId, refused.reason(), refused.detail()));
        SagaLifecycle.end();
    }

    /** The money is set aside; the case approves it unless it stopped qualifying meanwhile. */
    @SagaEventHandler(associationProperty = "caseId")
    public void on(ReliefReserved reserved) {
        if (!reserved.fundId().equals(fundId)) {
            return;
        }
        amountFen = reserved.amountFen();
        try {
            send(new ApproveRelief(caseId, fundId, amountFen, today()));
        } catch (ProcessRuleViolation noLongerEligible) {
            send(new ReleaseRelief(fundId, caseId, noLongerEligible.getMessage()));
            try {
                send(new RejectRelief(caseId, fundId, ReliefRejectionReason.CASE_NO_LONGER_ELIGIBLE,
                        noLongerEligible.getMessage()));
            } catch (ProcessRuleViolation closed) {
                log.warn("relief for case {} released; the case took no rejection: {}", caseId, closed.getMessage());
            }
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = "caseId")
    public void on(ReliefApproved approved) {
        send(new PayOutRelief(fundId, caseId, today()));
    }

    @SagaEventHandler(associationProperty = "caseId")
    public void on(ReliefPaidOut paidOut) {
        if (!paidOut.fundId().equals(fundId)) {
            return;
        }
        paid = true;
        send(new RecordReliefPaid(caseId, fundId, paidOut.amountFen(), paidOut.paidOn()));
    }

    /** The fund holds the worker's claim for what it paid, and is repaid first; done once repaid in full. */
    @SagaEventHandler(associationProperty = "caseId")
    public void on(ReliefRecovered recovered) {
        send(new ReceiveReliefRecovery(fundId, caseId, recovered.paymentId(), recovered.amountFen(),
                recovered.recoveredOn()));
        if (recovered.stillOwedToFundFen() == 0) {
            SagaLifecycle.end();
        }
    }

    /** A closed case takes no more payments: nothing more can reach the fund through it. */
    @EndSaga
    @SagaEventHandler(associationProperty = "caseId")
    public void on(CaseClosed closed) {
        if (!paid) {
            log.warn("case {} closed while its relief saga waited for the payout", caseId);
        }
    }

    private LocalDate today() {
        return LocalDate.now(businessClock);
    }

    /** The saga's steps are the system's acts, not those of the lawyer whose application started it. */
    private void send(Object command) {
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                EventMetadata.ACTOR_ID, EventMetadata.RELIEF_SAGA_ACTOR, EventMetadata.ACTOR_ROLE, EventMetadata.SYSTEM_ROLE)));
    }
}

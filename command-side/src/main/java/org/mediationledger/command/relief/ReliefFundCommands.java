package org.mediationledger.command.relief;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * What people and the relief saga ask a relief fund to do. Staff set funds up and record contributions;
 * reservations, payouts, releases and recoveries come from the relief saga.
 */
public final class ReliefFundCommands {

    private ReliefFundCommands() {
    }

    public record EstablishReliefFund(@TargetAggregateIdentifier String fundId,
                                      String name,
                                      long perWorkerCapFen,
                                      LocalDate establishedOn) {
    }

    public record ReceiveContribution(@TargetAggregateIdentifier String fundId,
                                      String contributionId,
                                      String contributor,
                                      long amountFen,
                                      LocalDate receivedOn) {
    }

    /** Reserve the least of requested, the worker's remaining cap and outstanding, or refuse with a reason. */
    public record ReserveRelief(@TargetAggregateIdentifier String fundId,
                                String caseId,
                                String claimantKey,
                                long requestedFen,
                                long outstandingFen) {
    }

    public record ReleaseRelief(@TargetAggregateIdentifier String fundId,
                                String caseId,
                                String reason) {
    }

    public record PayOutRelief(@TargetAggregateIdentifier String fundId,
                               String caseId,
                               LocalDate paidOn) {
    }

    public record ReceiveReliefRecovery(@TargetAggregateIdentifier String fundId,
                                        String caseId,
                                        String paymentId,
                                        long amountFen,
                                        LocalDate recoveredOn) {
    }
}

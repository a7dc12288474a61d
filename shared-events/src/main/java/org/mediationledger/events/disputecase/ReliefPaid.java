package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The fund paid the worker. It does not reduce what the employer owes: the fund steps into the
 * worker's claim for this amount and is repaid first from later recoveries.
 */
@Revision("1")
public record ReliefPaid(String caseId,
                         String fundId,
                         long amountFen,
                         LocalDate paidOn) implements DisputeCaseEvent {
}

package org.mediationledger.events.relieffund;

import org.axonframework.serialization.Revision;

/**
 * The fund set money aside for one case's application before paying it.
 *
 * @param amountFen    the least of requested, what remains of the worker's cap, and outstanding
 * @param availableFen the fund's available balance after this reservation (never below zero)
 */
@Revision("1")
public record ReliefReserved(String fundId,
                             String caseId,
                             String claimantKey,
                             long requestedFen,
                             long amountFen,
                             long availableFen) implements ReliefFundEvent {
}

package org.mediationledger.events.relieffund;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A reservation was paid to the worker; the fund now holds the worker's claim for this amount. */
@Revision("1")
public record ReliefPaidOut(String fundId,
                            String caseId,
                            String claimantKey,
                            long amountFen,
                            LocalDate paidOn) implements ReliefFundEvent {
}

package org.mediationledger.events.relieffund;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.ReliefRejectionReason;

/** The fund could not reserve for this case: the worker's cap is used up, or the balance is too low. */
@Revision("1")
public record ReliefReservationRefused(String fundId,
                                       String caseId,
                                       ReliefRejectionReason reason,
                                       String detail) implements ReliefFundEvent {
}

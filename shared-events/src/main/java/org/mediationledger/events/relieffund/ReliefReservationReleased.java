package org.mediationledger.events.relieffund;

import org.axonframework.serialization.Revision;

/**
 * A reservation was given back unpaid because the case stopped qualifying before approval.
 *
 * @param availableFen the fund's available balance after the release
 */
@Revision("1")
public record ReliefReservationReleased(String fundId,
                                        String caseId,
                                        long amountFen,
                                        String reason,
                                        long availableFen) implements ReliefFundEvent {
}

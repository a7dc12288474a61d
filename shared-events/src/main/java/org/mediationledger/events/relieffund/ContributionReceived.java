package org.mediationledger.events.relieffund;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * Money paid into the fund by a contributing company or the union.
 *
 * @param availableFen the fund's available balance after this contribution
 */
@Revision("1")
public record ContributionReceived(String fundId,
                                   String contributionId,
                                   String contributor,
                                   long amountFen,
                                   LocalDate receivedOn,
                                   long availableFen) implements ReliefFundEvent {
}

package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * Part of an employer's payment repays the relief fund, which is repaid first (DOMAIN.md step 8).
 *
 * @param paymentId          the wage payment this repayment comes out of
 * @param repaidFen          everything repaid to the fund on this case, this amount included
 * @param stillOwedToFundFen relief paid minus repaid, after this amount
 */
@Revision("1")
public record ReliefRecovered(String caseId,
                              String fundId,
                              String paymentId,
                              long amountFen,
                              LocalDate recoveredOn,
                              long repaidFen,
                              long stillOwedToFundFen) implements DisputeCaseEvent {
}

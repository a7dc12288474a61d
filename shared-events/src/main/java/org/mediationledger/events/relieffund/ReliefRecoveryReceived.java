package org.mediationledger.events.relieffund;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The employer's later payment on a case repaid the fund (part of) what it had paid out.
 *
 * @param availableFen the fund's available balance after the repayment
 */
@Revision("1")
public record ReliefRecoveryReceived(String fundId,
                                     String caseId,
                                     String paymentId,
                                     long amountFen,
                                     LocalDate recoveredOn,
                                     long availableFen) implements ReliefFundEvent {
}

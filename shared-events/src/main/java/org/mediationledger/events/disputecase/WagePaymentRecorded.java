package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.PaymentSource;

import java.time.LocalDate;

/**
 * Money reached the worker. The running totals after this payment are recorded with it so that a
 * reader of the history sees what was owed and outstanding at that moment.
 *
 * @param owedFen        the binding figure the payment counted against (award, else agreement, else claim)
 * @param recoveredFen   everything recovered on this case, this payment included
 * @param outstandingFen owed minus recovered, after this payment
 */
@Revision("1")
public record WagePaymentRecorded(String caseId,
                                  String paymentId,
                                  long amountFen,
                                  LocalDate paidOn,
                                  PaymentSource source,
                                  long owedFen,
                                  long recoveredFen,
                                  long outstandingFen) implements DisputeCaseEvent {
}

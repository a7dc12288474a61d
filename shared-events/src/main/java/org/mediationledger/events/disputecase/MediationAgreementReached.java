package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.Instalment;

import java.time.LocalDate;
import java.util.List;

/**
 * Both parties and the mediator signed a mediation agreement (调解协议).
 *
 * @param effectiveOn the day the last of them signed; starts the judicial-confirmation window
 */
@Revision("1")
public record MediationAgreementReached(String caseId,
                                        long agreedFen,
                                        LocalDate effectiveOn,
                                        List<Instalment> instalments) implements DisputeCaseEvent {

    public MediationAgreementReached {
        instalments = List.copyOf(instalments);
    }
}

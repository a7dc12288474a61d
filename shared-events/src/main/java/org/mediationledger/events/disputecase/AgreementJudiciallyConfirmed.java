package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A court confirmed the mediation agreement (司法确认, Civil Procedure Law arts. 205-206): its amount is
 * now enforceable and becomes what the employer owes.
 *
 * @param appliedOn      the day the parties applied; within 30 days of the agreement taking effect
 * @param enforceableFen the agreed amount, now enforceable
 */
@Revision("1")
public record AgreementJudiciallyConfirmed(String caseId,
                                           String court,
                                           String rulingNumber,
                                           LocalDate appliedOn,
                                           LocalDate confirmedOn,
                                           long enforceableFen) implements DisputeCaseEvent {
}

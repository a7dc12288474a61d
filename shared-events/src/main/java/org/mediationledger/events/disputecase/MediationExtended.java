package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The parties consented to extend the mediation period. */
@Revision("1")
public record MediationExtended(String caseId,
                                LocalDate previousDeadline,
                                LocalDate newDeadline,
                                LocalDate consentRecordedOn) implements DisputeCaseEvent {
}

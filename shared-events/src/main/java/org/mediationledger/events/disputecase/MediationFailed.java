package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Mediation ended without agreement; the worker may go to arbitration (LDMAL art. 14). */
@Revision("1")
public record MediationFailed(String caseId, String reason, LocalDate failedOn) implements DisputeCaseEvent {
}

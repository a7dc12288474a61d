package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The mediator held a session with the parties. */
@Revision("1")
public record MediationSessionHeld(String caseId,
                                   String sessionId,
                                   LocalDate heldOn,
                                   String summary) implements DisputeCaseEvent {
}

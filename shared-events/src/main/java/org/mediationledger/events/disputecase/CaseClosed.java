package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.ClosureOutcome;

import java.time.LocalDate;

/** The case was closed; its responsible lawyer no longer carries it as an active case. */
@Revision("1")
public record CaseClosed(String caseId, ClosureOutcome outcome, LocalDate closedOn) implements DisputeCaseEvent {
}

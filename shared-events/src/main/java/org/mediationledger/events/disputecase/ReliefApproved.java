package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The fund reserved the amount and the case still qualifies: the least of what was requested, the
 * fund's per-worker cap and the outstanding amount.
 */
@Revision("1")
public record ReliefApproved(String caseId,
                             String fundId,
                             long amountFen,
                             LocalDate approvedOn) implements DisputeCaseEvent {
}

package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * An instalment of the agreement was not paid by its due date.
 *
 * @param instalmentNumber 1 for the first instalment of the agreement
 * @param dueByThenFen     what the agreement required to have been paid by the end of {@code dueOn}
 * @param recoveredFen     what had been recovered when the instalment fell overdue
 */
@Revision("1")
public record InstalmentOverdue(String caseId,
                                int instalmentNumber,
                                LocalDate dueOn,
                                long dueByThenFen,
                                long recoveredFen) implements DisputeCaseEvent {
}

package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** No legal-aid decision by the end of its last day (Legal Aid Law art. 43: 7 days). */
@Revision("1")
public record LegalAidDecisionOverdue(String caseId,
                                      LocalDate appliedOn,
                                      LocalDate decisionDueOn) implements DisputeCaseEvent {
}

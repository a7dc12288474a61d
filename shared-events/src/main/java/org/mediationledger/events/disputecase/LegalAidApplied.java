package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The worker applied for legal aid. The decision is due within 7 days (Legal Aid Law art. 43).
 *
 * @param decisionDueOn the last day on which the decision (with the lawyer's assignment) is in time
 */
@Revision("1")
public record LegalAidApplied(String caseId,
                              LocalDate appliedOn,
                              LocalDate decisionDueOn) implements DisputeCaseEvent {
}

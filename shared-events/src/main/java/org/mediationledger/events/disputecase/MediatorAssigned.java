package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A lawyer signed for the file as mediator; from now on they are the case's responsible lawyer.
 *
 * @param receivedOn         the day the mediator signed for the file (starts a court referral's clock)
 * @param mediationDeadline  the last day of the mediation period (an act on or before it is in time)
 * @param previousMediatorId the mediator this one replaces, or null
 * @param overLimitReason    why staff assigned beyond the lawyer's maxActiveCases, or null
 */
@Revision("1")
public record MediatorAssigned(String caseId,
                               String lawyerId,
                               LocalDate receivedOn,
                               LocalDate mediationDeadline,
                               String previousMediatorId,
                               String overLimitReason) implements DisputeCaseEvent {
}

package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The mediation period ended without agreement or failure being recorded. A union mediation may still
 * end in agreement (LDMAL art. 14); a court-referred case goes back to its court.
 *
 * @param deadline      the last day of the period that lapsed
 * @param courtReferred true when the case came from a court and takes no more mediation acts
 */
@Revision("1")
public record MediationPeriodLapsed(String caseId,
                                    LocalDate deadline,
                                    boolean courtReferred) implements DisputeCaseEvent {
}

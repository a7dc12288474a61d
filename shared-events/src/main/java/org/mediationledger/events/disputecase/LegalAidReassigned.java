package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Another legal-aid lawyer takes the case over; the previous one is released. */
@Revision("1")
public record LegalAidReassigned(String caseId,
                                 String previousLawyerId,
                                 String lawyerId,
                                 LocalDate reassignedOn,
                                 boolean autoAssigned,
                                 String overLimitReason) implements DisputeCaseEvent {
}

package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * Nobody applied for judicial confirmation within 30 days of the agreement taking effect (CPL arts.
 * 205-206), and the agreement was not paid in full by then.
 */
@Revision("1")
public record ConfirmationWindowLapsed(String caseId,
                                       LocalDate lastDayToApply) implements DisputeCaseEvent {
}

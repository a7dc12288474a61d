package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.LegalAidBasis;

import java.time.LocalDate;

/**
 * Legal aid was granted and a lawyer assigned; from now on they are the case's responsible lawyer and
 * the mediator is released (DOMAIN.md, "responsible lawyer").
 *
 * @param releasedLawyerId the lawyer responsible until now (usually the mediator), or null
 * @param autoAssigned     true when the system chose the lawyer with the lowest caseload
 * @param overLimitReason  why staff assigned beyond the lawyer's maxActiveCases, or null
 * @param reopened         true when this reopens a court-referred case that had been returned to its court
 */
@Revision("1")
public record LegalAidAssigned(String caseId,
                               String lawyerId,
                               LegalAidBasis basis,
                               LocalDate decidedOn,
                               String releasedLawyerId,
                               boolean autoAssigned,
                               String overLimitReason,
                               boolean reopened) implements DisputeCaseEvent {
}

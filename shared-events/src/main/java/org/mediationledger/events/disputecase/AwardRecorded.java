package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.AwardKind;

import java.time.LocalDate;

/**
 * An arbitration award, judgment or confirmed agreement fixed an enforceable amount; it becomes what
 * the employer owes.
 */
@Revision("1")
public record AwardRecorded(String caseId,
                            AwardKind kind,
                            long enforceableFen,
                            LocalDate decidedOn,
                            String reference) implements DisputeCaseEvent {
}

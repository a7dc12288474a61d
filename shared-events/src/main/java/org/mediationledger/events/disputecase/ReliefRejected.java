package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.ReliefRejectionReason;

/** The relief application was turned down; the worker may apply again (to the same fund or another). */
@Revision("1")
public record ReliefRejected(String caseId,
                             String fundId,
                             ReliefRejectionReason reason,
                             String detail) implements DisputeCaseEvent {
}

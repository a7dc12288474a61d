package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The court ended enforcement because the respondent has nothing to seize (终结本次执行). Only now may the
 * worker apply for relief (DOMAIN.md step 7).
 *
 * @param outstandingFen what was still owed when enforcement ended
 */
@Revision("1")
public record EnforcementTerminated(String caseId,
                                    String court,
                                    String rulingNumber,
                                    LocalDate terminatedOn,
                                    long outstandingFen) implements DisputeCaseEvent {
}

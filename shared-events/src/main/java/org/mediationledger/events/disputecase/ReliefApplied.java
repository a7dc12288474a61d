package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The worker applied to a relief fund after enforcement ended without payment (DOMAIN.md step 8).
 * The relief saga takes it from here.
 *
 * @param claimantKey    the worker's stable, non-personal key: the fund's per-worker cap counts by it
 * @param hardship       the worker's circumstances in a few words
 * @param outstandingFen what the employer still owed when the worker applied
 */
@Revision("1")
public record ReliefApplied(String caseId,
                            String fundId,
                            String claimantKey,
                            long requestedFen,
                            String hardship,
                            LocalDate appliedOn,
                            long outstandingFen) implements DisputeCaseEvent {
}

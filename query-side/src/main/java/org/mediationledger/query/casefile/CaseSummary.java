package org.mediationledger.query.casefile;

import org.mediationledger.events.common.CaseStage;
import org.mediationledger.events.common.DisputeCategory;

import java.time.LocalDate;

/**
 * One line of the case list.
 *
 * @param overdue an open case with a lapsed or overdue item not yet made good ({@link CaseConditions#OVERDUE});
 *                its lapsed deadline is no longer pending, so {@code nextDue} alone does not show it
 */
public record CaseSummary(String caseId,
                          CaseStage stage,
                          String claimantName,
                          DisputeCategory category,
                          String district,
                          long claimedFen,
                          long recoveredFen,
                          long outstandingFen,
                          String responsibleLawyerId,
                          String court,
                          LocalDate nextDue,
                          boolean overdue,
                          LocalDate registeredOn) {
}

package org.mediationledger.query.casefile;

import org.mediationledger.events.common.CaseStage;
import org.mediationledger.events.common.DisputeCategory;

import java.time.LocalDate;

/** One line of the case list. */
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
                          LocalDate registeredOn) {
}

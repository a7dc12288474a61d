package org.mediationledger.events.disputecase;

import org.axonframework.serialization.Revision;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.Respondent;

import java.time.LocalDate;
import java.util.List;

/**
 * Intake (受理/登记): the dispute is taken into the system.
 *
 * @param appliedOn    the day the worker applied for mediation (starts the LDMAL art. 14 period)
 * @param registeredOn the business day the case was taken into this system; reports count cases by it
 */
@Revision("1")
public record DisputeRegistered(String caseId,
                                ClaimantRecord claimant,
                                List<Respondent> respondents,
                                DisputeCategory category,
                                long claimedFen,
                                IntakeChannel channel,
                                String district,
                                String facts,
                                LocalDate appliedOn,
                                LocalDate registeredOn) implements DisputeCaseEvent {

    public DisputeRegistered {
        respondents = List.copyOf(respondents);
    }
}

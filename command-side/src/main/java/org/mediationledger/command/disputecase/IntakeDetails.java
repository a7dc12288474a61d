package org.mediationledger.command.disputecase;

import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.Respondent;
import org.mediationledger.events.disputecase.ClaimantRecord;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The facts taken at intake, reused at every later stage so that nobody asks the worker twice. Personal
 * data has already been encrypted at the edge.
 */
public record IntakeDetails(ClaimantRecord claimant,
                            List<Respondent> respondents,
                            DisputeCategory category,
                            long claimedFen,
                            IntakeChannel channel,
                            String district,
                            String facts,
                            LocalDate appliedOn,
                            LocalDate registeredOn) {

    public IntakeDetails {
        respondents = List.copyOf(respondents);
    }

    /**
     * Whether a repeated intake describes the same dispute. Ciphertexts differ on every encryption, so
     * the worker is compared by the keyed hash of their ID number; the registration day is the
     * server's and may differ on a retry.
     */
    public boolean describesSameDisputeAs(IntakeDetails other) {
        return Objects.equals(claimant.idNumberHash(), other.claimant.idNumberHash())
                && Objects.equals(claimant.name(), other.claimant.name())
                && claimant.employmentForm() == other.claimant.employmentForm()
                && respondents.equals(other.respondents)
                && category == other.category
                && claimedFen == other.claimedFen
                && channel == other.channel
                && Objects.equals(district, other.district)
                && Objects.equals(facts, other.facts)
                && Objects.equals(appliedOn, other.appliedOn);
    }
}

package org.mediationledger.command.disputecase;

import java.util.Optional;

/**
 * What the case needs to know about a lawyer before making them responsible for it. The figure is the
 * same one the caseload view shows: open cases the lawyer is responsible for.
 */
public interface LawyerCaseloads {

    /**
     * The lawyer's standing, held steady until the command's transaction ends, so that two
     * assignments at once cannot both take a lawyer's last free place.
     */
    Optional<LawyerStanding> standingForAssignment(String lawyerId);

    /**
     * The lawyer with the fewest active cases strictly under their limit, ties broken by lawyer id, other
     * than {@code excludedLawyerId} (may be null); held steady like {@link #standingForAssignment}.
     */
    Optional<LawyerStanding> lowestCaseloadUnderLimit(String excludedLawyerId);

    record LawyerStanding(String lawyerId, int maxActiveCases, int activeCases) {

        public boolean atLimit() {
            return activeCases >= maxActiveCases;
        }
    }
}

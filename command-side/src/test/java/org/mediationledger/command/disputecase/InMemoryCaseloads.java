package org.mediationledger.command.disputecase;

import org.mediationledger.command.disputecase.LawyerCaseloads.LawyerStanding;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The caseload figures a fixture test sets up, chosen from as the JDBC implementation chooses. */
final class InMemoryCaseloads implements LawyerCaseloads {

    private final Map<String, LawyerStanding> lawyers = new TreeMap<>();

    InMemoryCaseloads with(String lawyerId, int maxActiveCases, int activeCases) {
        lawyers.put(lawyerId, new LawyerStanding(lawyerId, maxActiveCases, activeCases));
        return this;
    }

    @Override
    public Optional<LawyerStanding> standingForAssignment(String lawyerId) {
        return Optional.ofNullable(lawyers.get(lawyerId));
    }

    @Override
    public Optional<LawyerStanding> lowestCaseloadUnderLimit(String excludedLawyerId) {
        return lawyers.values().stream()
                .filter(l -> !l.atLimit() && !Objects.equals(l.lawyerId(), excludedLawyerId))
                .min(Comparator.comparingInt(LawyerStanding::activeCases).thenComparing(LawyerStanding::lawyerId));
    }
}

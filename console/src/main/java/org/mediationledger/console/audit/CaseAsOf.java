package org.mediationledger.console.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The parts of the case file ({@code GET /api/audit/cases/{id}/state?asOf=}) the as-of summary shows,
 * as the API gives them: amounts in fen, dates {@code YYYY-MM-DD}, personal data masked or {@code [erased]}.
 *
 * @param version the sequence of the last event folded in
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseAsOf(String caseId, String stage, Claimant claimant, Long claimedFen, Long agreedFen,
                       Long enforceableFen, Long recoveredFen, Long outstandingFen, Long reliefPaidFen,
                       String mediatorId, String legalAidLawyerId, String responsibleLawyerId,
                       List<Deadline> deadlines, String nextDue, Long version) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Claimant(String name, String idNumber, String phone) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deadline(String kind, String dueOn, String status) {
    }

    public List<Deadline> deadlines() {
        return deadlines == null ? List.of() : deadlines;
    }
}

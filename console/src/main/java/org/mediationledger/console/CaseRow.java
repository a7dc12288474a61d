package org.mediationledger.console;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One line of the query side's case list ({@code GET /api/cases}), as it gives it: the claimant's
 * name as stored (already "[erased]" for an erased worker), dates as {@code YYYY-MM-DD}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseRow(String caseId, String stage, String claimantName, String category, String district,
                      Long claimedFen, Long recoveredFen, Long outstandingFen, String responsibleLawyerId,
                      String court, String nextDue, boolean overdue, String registeredOn) {

    /**
     * Overdue, due within {@code soonDays}, or neither, seen from {@code today}. Overdue as the query side
     * says (a lapsed deadline is no longer the next due one), or a pending day already past.
     */
    public String urgency(LocalDate today, int soonDays) {
        if (overdue) {
            return "overdue";
        }
        if (nextDue == null || nextDue.isBlank()) {
            return "";
        }
        LocalDate due = LocalDate.parse(nextDue);
        if (due.isBefore(today)) {
            return "overdue";
        }
        return due.isAfter(today.plusDays(soonDays)) ? "" : "due-soon";
    }
}

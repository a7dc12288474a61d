package org.mediationledger.console.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A line (or the total) of {@code GET /api/reports/recovered-wages}, amounts in fen. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportRow(String key, long workersHelped, long cases, long claimedFen, long agreedFen,
                        long recoveredFen, long reliefPaidFen, long outstandingFen) {
}

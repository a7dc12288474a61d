package org.mediationledger.query.report;

/** The case-based figures of one report group, as the database sums them. */
public record CaseFigures(String key,
                          long workersHelped,
                          long cases,
                          long claimedFen,
                          long agreedFen,
                          long reliefPaidFen,
                          long outstandingFen) {

    public static CaseFigures none(String key) {
        return new CaseFigures(key, 0, 0, 0, 0, 0, 0);
    }
}

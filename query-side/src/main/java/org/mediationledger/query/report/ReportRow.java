package org.mediationledger.query.report;

/**
 * One line of the recovered-wages report, or its total (key {@value #TOTAL_KEY}).
 *
 * @param workersHelped distinct workers (by the keyed hash of their ID number) among the cases counted
 * @param cases         cases registered in the period
 * @param claimedFen    claimed, over those cases
 * @param agreedFen     agreed in mediation, over those cases (0 for a case without agreement)
 * @param recoveredFen  payments made in the period
 * @param reliefPaidFen relief-fund payouts, over those cases
 * @param outstandingFen owed minus recovered, over those cases, as they stand now
 */
public record ReportRow(String key,
                        long workersHelped,
                        long cases,
                        long claimedFen,
                        long agreedFen,
                        long recoveredFen,
                        long reliefPaidFen,
                        long outstandingFen) {

    public static final String TOTAL_KEY = "TOTAL";
}

package org.mediationledger.query.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recovered-wages report (DOMAIN.md, "The views people ask for"): rows per group, ordered by
 * key, and the total. Case figures and recovered money are counted separately, because a case
 * counts by its registration date and a payment by its payment date: a group may have payments but
 * no case registered in the period, and the other way round.
 */
public record RecoveredWagesReport(List<ReportRow> rows, ReportRow total) {

    /**
     * @param caseGroups     case figures per group (empty when not grouped)
     * @param recoveredByKey payments in the period per group (empty when not grouped)
     * @param allCases       case figures over all cases counted; workers are distinct across groups,
     *                       so the total's workersHelped is not the sum of the rows'
     * @param allRecovered   all payments in the period
     */
    public static RecoveredWagesReport assemble(List<CaseFigures> caseGroups,
                                                Map<String, Long> recoveredByKey,
                                                CaseFigures allCases,
                                                long allRecovered) {
        Map<String, CaseFigures> casesByKey = new TreeMap<>();
        caseGroups.forEach(figures -> casesByKey.put(figures.key(), figures));
        TreeSet<String> keys = new TreeSet<>(casesByKey.keySet());
        keys.addAll(recoveredByKey.keySet());
        List<ReportRow> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(row(key, casesByKey.getOrDefault(key, CaseFigures.none(key)), recoveredByKey.getOrDefault(key, 0L)));
        }
        return new RecoveredWagesReport(rows, row(ReportRow.TOTAL_KEY, allCases, allRecovered));
    }

    private static ReportRow row(String key, CaseFigures cases, long recoveredFen) {
        return new ReportRow(key, cases.workersHelped(), cases.cases(), cases.claimedFen(), cases.agreedFen(),
                recoveredFen, cases.reliefPaidFen(), cases.outstandingFen());
    }
}

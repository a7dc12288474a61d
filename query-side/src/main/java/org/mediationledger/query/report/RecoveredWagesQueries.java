package org.mediationledger.query.report;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sums the recovered-wages report from its rollups (ReportRollups, decision 0027), never from events nor
 * from a scan of every case: each answer reads one grouping's rows of the period's days. The grouping names
 * come from {@link ReportGrouping}, never from the request.
 */
@Repository
public class RecoveredWagesQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public RecoveredWagesQueries(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // rows and total from one snapshot, so they always add up
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public RecoveredWagesReport report(ReportPeriod period, Optional<ReportGrouping> grouping) {
        return snapshot.execute(status -> read(period, grouping));
    }

    private RecoveredWagesReport read(ReportPeriod period, Optional<ReportGrouping> grouping) {
        CaseFigures allCases = caseFigures(ReportRollups.ALL, period).getOrDefault("", CaseFigures.none(ReportRow.TOTAL_KEY));
        long allRecovered = recovered(ReportRollups.ALL, period).getOrDefault("", 0L);
        allCases = new CaseFigures(ReportRow.TOTAL_KEY, allCases.workersHelped(), allCases.cases(), allCases.claimedFen(),
                allCases.agreedFen(), allCases.reliefPaidFen(), allCases.outstandingFen());
        if (grouping.isEmpty()) {
            return RecoveredWagesReport.assemble(List.of(), Map.of(), allCases, allRecovered);
        }
        String by = grouping.get().parameter();
        return RecoveredWagesReport.assemble(List.copyOf(caseFigures(by, period).values()), recovered(by, period),
                allCases, allRecovered);
    }

    /** Per group: the figures of the cases registered in the period, and their distinct workers. */
    private Map<String, CaseFigures> caseFigures(String grouping, ReportPeriod period) {
        MapSqlParameterSource params = params(grouping, period);
        Map<String, Long> workers = new HashMap<>();
        // a worker counts once, by the first of their cases in the period: the one whose previous case is before it
        jdbc.query("SELECT group_key, sum(workers) AS workers FROM views.report_worker_day WHERE grouping = :grouping"
                        + days(period, "registered_on") + " AND previous_on " + (period.from() == null ? "= '-infinity'" : "< :from")
                        + " GROUP BY group_key",
                params, rs -> {
                    workers.put(rs.getString("group_key"), rs.getLong("workers"));
                });
        Map<String, CaseFigures> figures = new HashMap<>();
        jdbc.query("SELECT group_key, sum(cases) AS cases, sum(claimed_fen) AS claimed, sum(agreed_fen) AS agreed, "
                        + "sum(relief_paid_fen) AS relief_paid, sum(outstanding_fen) AS outstanding FROM views.report_case_day "
                        + "WHERE grouping = :grouping" + days(period, "registered_on") + " GROUP BY group_key HAVING sum(cases) > 0",
                params, rs -> {
                    String key = rs.getString("group_key");
                    figures.put(key, new CaseFigures(key, workers.getOrDefault(key, 0L), rs.getLong("cases"),
                            rs.getLong("claimed"), rs.getLong("agreed"), rs.getLong("relief_paid"), rs.getLong("outstanding")));
                });
        return figures;
    }

    /** Per group: the money paid in the period. */
    private Map<String, Long> recovered(String grouping, ReportPeriod period) {
        Map<String, Long> recovered = new HashMap<>();
        jdbc.query("SELECT group_key, sum(recovered_fen) AS recovered FROM views.report_payment_day WHERE grouping = :grouping"
                        + days(period, "paid_on") + " GROUP BY group_key HAVING sum(recovered_fen) <> 0",
                params(grouping, period), rs -> {
                    recovered.put(rs.getString("group_key"), rs.getLong("recovered"));
                });
        return recovered;
    }

    private static MapSqlParameterSource params(String grouping, ReportPeriod period) {
        return new MapSqlParameterSource()
                .addValue("grouping", grouping)
                .addValue("from", period.from())
                .addValue("to", period.to());
    }

    private static String days(ReportPeriod period, String dateColumn) {
        return (period.from() != null ? " AND " + dateColumn + " >= :from" : "")
                + (period.to() != null ? " AND " + dateColumn + " <= :to" : "");
    }
}

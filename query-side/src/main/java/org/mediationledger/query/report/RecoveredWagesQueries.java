package org.mediationledger.query.report;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sums the recovered-wages report from the case and payment views (never from events). The group
 * expressions come from {@link ReportGrouping}, never from the request.
 */
@Repository
public class RecoveredWagesQueries {

    private static final String CASE_FIGURES = "count(DISTINCT c.claimant_key) AS workers, count(*) AS cases, "
            + "COALESCE(sum(c.claimed_fen), 0) AS claimed, COALESCE(sum(c.agreed_fen), 0) AS agreed, "
            + "COALESCE(sum(c.relief_paid_fen), 0) AS relief_paid, COALESCE(sum(c.outstanding_fen), 0) AS outstanding";

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
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", period.from())
                .addValue("to", period.to());
        String casesInPeriod = " FROM views.dispute_case c" + where(period, "c.registered_on");
        CaseFigures allCases = jdbc.queryForObject("SELECT " + CASE_FIGURES + casesInPeriod, params,
                (rs, row) -> caseFigures(ReportRow.TOTAL_KEY, rs));
        Long allRecovered = jdbc.queryForObject("SELECT COALESCE(sum(p.amount_fen), 0) FROM views.case_payment p"
                + where(period, "p.paid_on"), params, Long.class);
        if (grouping.isEmpty()) {
            return RecoveredWagesReport.assemble(List.of(), Map.of(), allCases, allRecovered);
        }
        ReportGrouping by = grouping.get();
        List<CaseFigures> caseGroups = jdbc.query("SELECT " + by.caseKey() + " AS key, " + CASE_FIGURES + casesInPeriod
                + " GROUP BY 1", params, (rs, row) -> caseFigures(rs.getString("key"), rs));
        Map<String, Long> recoveredByKey = new HashMap<>();
        jdbc.query("SELECT " + by.paymentKey() + " AS key, sum(p.amount_fen) AS recovered FROM views.case_payment p"
                        + (by.paymentNeedsCase() ? " JOIN views.dispute_case c ON c.case_id = p.case_id" : "")
                        + where(period, "p.paid_on") + " GROUP BY 1", params,
                rs -> {
                    recoveredByKey.put(rs.getString("key"), rs.getLong("recovered"));
                });
        return RecoveredWagesReport.assemble(caseGroups, recoveredByKey, allCases, allRecovered);
    }

    private static String where(ReportPeriod period, String dateColumn) {
        if (period.from() != null && period.to() != null) {
            return " WHERE " + dateColumn + " BETWEEN :from AND :to";
        }
        if (period.from() != null) {
            return " WHERE " + dateColumn + " >= :from";
        }
        if (period.to() != null) {
            return " WHERE " + dateColumn + " <= :to";
        }
        return "";
    }

    private static CaseFigures caseFigures(String key, ResultSet rs) throws SQLException {
        return new CaseFigures(key, rs.getLong("workers"), rs.getLong("cases"), rs.getLong("claimed"),
                rs.getLong("agreed"), rs.getLong("relief_paid"), rs.getLong("outstanding"));
    }
}

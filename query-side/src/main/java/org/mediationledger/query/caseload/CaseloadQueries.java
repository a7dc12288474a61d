package org.mediationledger.query.caseload;

import org.mediationledger.events.common.CaseStage;
import org.mediationledger.query.casefile.CaseConditions;
import org.mediationledger.query.config.BusinessCalendar;
import org.mediationledger.query.config.ViewSettings;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes the caseload from the lawyer and case views. */
@Repository
public class CaseloadQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final BusinessCalendar calendar;
    private final ViewSettings settings;

    public CaseloadQueries(NamedParameterJdbcTemplate jdbc, BusinessCalendar calendar, ViewSettings settings) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.settings = settings;
    }

    /** @param onlyLawyerId a lawyer reading sees their own line only; null: every lawyer */
    public Caseload caseload(String onlyLawyerId) {
        LocalDate today = calendar.today();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("today", today)
                .addValue("onlyLawyerId", onlyLawyerId)
                .addValue("dueSoonUntil", today.plusDays(settings.dueSoonDays()));
        Map<String, Caseload.LawyerCaseload> byLawyer = new LinkedHashMap<>();
        // one row per lawyer and stage of their open cases (a lawyer without any: one row, stage null)
        jdbc.query("SELECT l.lawyer_id, l.name, l.max_active_cases, c.stage, count(c.case_id) AS cases, "
                        + "count(c.case_id) FILTER (WHERE " + CaseConditions.DUE_SOON + ") AS due_soon, "
                        + "count(c.case_id) FILTER (WHERE " + CaseConditions.OVERDUE + ") AS overdue "
                        + "FROM views.lawyer l LEFT JOIN views.dispute_case c "
                        + "ON c.responsible_lawyer_id = l.lawyer_id AND " + CaseConditions.OPEN + " "
                        + "WHERE CAST(:onlyLawyerId AS text) IS NULL OR l.lawyer_id = :onlyLawyerId "
                        + "GROUP BY l.lawyer_id, l.name, l.max_active_cases, c.stage ORDER BY l.lawyer_id",
                params, rs -> {
                    String lawyerId = rs.getString("lawyer_id");
                    Caseload.LawyerCaseload soFar = byLawyer.computeIfAbsent(lawyerId, id -> new Caseload.LawyerCaseload(
                            id, null, 0, 0, emptyStages(), 0, 0));
                    Map<String, Long> stages = soFar.byStage();
                    String stage = rs.getString("stage");
                    long cases = rs.getLong("cases");
                    if (stage != null) {
                        stages.merge(stage, cases, Long::sum);
                    }
                    byLawyer.put(lawyerId, new Caseload.LawyerCaseload(lawyerId, rs.getString("name"),
                            rs.getInt("max_active_cases"), soFar.activeCases() + cases, stages,
                            soFar.dueSoon() + rs.getLong("due_soon"), soFar.overdue() + rs.getLong("overdue")));
                });
        return new Caseload(new ArrayList<>(byLawyer.values()));
    }

    private static Map<String, Long> emptyStages() {
        Map<String, Long> stages = new LinkedHashMap<>();
        for (CaseStage stage : CaseStage.values()) {
            if (stage != CaseStage.CLOSED) {
                stages.put(stage.name(), 0L);
            }
        }
        return stages;
    }
}

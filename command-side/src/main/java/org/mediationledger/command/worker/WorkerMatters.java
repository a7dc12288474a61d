package org.mediationledger.command.worker;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.DisputeRegistered;
import org.mediationledger.events.disputecase.LegalAidAssigned;
import org.mediationledger.events.disputecase.ReliefPaid;
import org.mediationledger.events.disputecase.ReliefRecovered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * What stands in the way of erasing a worker's personal data, per case: an open claim, or relief the fund
 * paid and has not been repaid. A subscribing handler, so it changes in the same transaction as the
 * events and an erasure always decides on the current state.
 */
@Component
@ProcessingGroup(WorkerMatters.PROCESSING_GROUP)
public class WorkerMatters implements OpenMatters {

    public static final String PROCESSING_GROUP = "worker-matters";

    private final JdbcTemplate jdbc;

    public WorkerMatters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DisputeRegistered event) {
        jdbc.update("INSERT INTO worker_case (case_id, claimant_key) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING",
                event.caseId(), event.claimant().claimantKey());
    }

    @EventHandler
    void on(CaseClosed event) {
        jdbc.update("UPDATE worker_case SET open = false WHERE case_id = ?", event.caseId());
    }

    /** Legal aid may reopen a case returned to its court. */
    @EventHandler
    void on(LegalAidAssigned event) {
        if (event.reopened()) {
            jdbc.update("UPDATE worker_case SET open = true WHERE case_id = ?", event.caseId());
        }
    }

    @EventHandler
    void on(ReliefPaid event) {
        jdbc.update("UPDATE worker_case SET owed_to_fund_fen = ? WHERE case_id = ?", event.amountFen(), event.caseId());
    }

    @EventHandler
    void on(ReliefRecovered event) {
        jdbc.update("UPDATE worker_case SET owed_to_fund_fen = ? WHERE case_id = ?", event.stillOwedToFundFen(), event.caseId());
    }

    /** The worker's cases not closed (or reopened by legal aid), for the intake's duplicate warning. */
    public List<String> openCasesOf(String claimantKey) {
        return jdbc.queryForList("SELECT case_id FROM worker_case WHERE claimant_key = ? AND open ORDER BY case_id",
                String.class, claimantKey);
    }

    @Override
    public boolean knows(String claimantKey) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM worker_case WHERE claimant_key = ?)",
                Boolean.class, claimantKey));
    }

    @Override
    public List<String> openMattersOf(String claimantKey) {
        List<String> matters = new ArrayList<>();
        jdbc.query("SELECT case_id, open, owed_to_fund_fen FROM worker_case WHERE claimant_key = ? ORDER BY case_id FOR UPDATE",
                rs -> {
                    if (rs.getBoolean("open")) {
                        matters.add("case " + rs.getString("case_id") + " is open");
                    }
                    if (rs.getLong("owed_to_fund_fen") > 0) {
                        matters.add("case " + rs.getString("case_id") + " still owes the relief fund "
                                + rs.getLong("owed_to_fund_fen") + " fen");
                    }
                }, claimantKey);
        return matters;
    }
}

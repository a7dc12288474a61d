package org.mediationledger.command.caseload;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.LegalAidAssigned;
import org.mediationledger.events.disputecase.LegalAidReassigned;
import org.mediationledger.events.disputecase.MediatorAssigned;
import org.mediationledger.events.lawyer.LawyerRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's count of each lawyer's active cases: open cases they are responsible for
 * (DOMAIN.md). It runs in a subscribing processor, so it changes in the same transaction as the events
 * and an assignment always decides on the current figure.
 */
@Component
@ProcessingGroup(ActiveCaseloadProjection.PROCESSING_GROUP)
public class ActiveCaseloadProjection {

    public static final String PROCESSING_GROUP = "active-caseload";

    private final JdbcTemplate jdbc;

    public ActiveCaseloadProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LawyerRegistered event) {
        jdbc.update("INSERT INTO lawyer_caseload (lawyer_id, max_active_cases) VALUES (?, ?) ON CONFLICT (lawyer_id) DO NOTHING",
                event.lawyerId(), event.maxActiveCases());
    }

    /** The case moves to its new responsible lawyer; the previous one is released. */
    @EventHandler
    void on(MediatorAssigned event) {
        moveResponsibility(event.caseId(), event.lawyerId());
    }

    /** Legal aid releases the mediator (or reopens a case returned to its court): the legal-aid lawyer is responsible. */
    @EventHandler
    void on(LegalAidAssigned event) {
        moveResponsibility(event.caseId(), event.lawyerId());
    }

    @EventHandler
    void on(LegalAidReassigned event) {
        moveResponsibility(event.caseId(), event.lawyerId());
    }

    @EventHandler
    void on(CaseClosed event) {
        String lawyer = jdbc.query("DELETE FROM case_responsibility WHERE case_id = ? RETURNING lawyer_id",
                rs -> rs.next() ? rs.getString(1) : null, event.caseId());
        if (lawyer != null) {
            jdbc.update("UPDATE lawyer_caseload SET active_cases = active_cases - 1 WHERE lawyer_id = ?", lawyer);
        }
    }

    private void moveResponsibility(String caseId, String lawyerId) {
        String previous = jdbc.query("SELECT lawyer_id FROM case_responsibility WHERE case_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, caseId);
        if (previous != null) {
            jdbc.update("UPDATE lawyer_caseload SET active_cases = active_cases - 1 WHERE lawyer_id = ?", previous);
        }
        jdbc.update("INSERT INTO case_responsibility (case_id, lawyer_id) VALUES (?, ?) "
                + "ON CONFLICT (case_id) DO UPDATE SET lawyer_id = EXCLUDED.lawyer_id", caseId, lawyerId);
        jdbc.update("UPDATE lawyer_caseload SET active_cases = active_cases + 1 WHERE lawyer_id = ?", lawyerId);
    }
}

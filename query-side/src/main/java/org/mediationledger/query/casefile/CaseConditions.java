package org.mediationledger.query.casefile;

/**
 * The deadline rules of the case list and the caseload as SQL conditions on {@code views.dispute_case c},
 * kept in one place (parameters {@code :today}, {@code :dueSoonUntil}).
 */
public final class CaseConditions {

    /** Open: not closed. A lawyer's active cases are the open cases they are responsible for. */
    public static final String OPEN = "c.stage <> 'CLOSED'";

    /**
     * A lapsed or overdue item not yet made good (DOMAIN.md, "Deadlines"): still in mediation after the last
     * day of the mediation period, or another deadline lapsed, overdue, or pending past its day (its lapse is
     * about to be recorded).
     */
    public static final String OVERDUE = "((c.stage = 'IN_MEDIATION' AND c.mediation_deadline < :today) OR EXISTS ("
            + "SELECT 1 FROM views.case_deadline d WHERE d.case_id = c.case_id AND ("
            + "(d.status IN ('LAPSED', 'OVERDUE') AND NOT d.resolved) OR (d.status = 'PENDING' AND d.due_on < :today))))";

    /** A pending deadline whose last day is between today and {@code :dueSoonUntil}, both included. */
    public static final String DUE_SOON =
            "((c.mediation_deadline_status = 'PENDING' AND c.mediation_deadline BETWEEN :today AND :dueSoonUntil) OR EXISTS ("
                    + "SELECT 1 FROM views.case_deadline d WHERE d.case_id = c.case_id AND d.status = 'PENDING' "
                    + "AND d.due_on BETWEEN :today AND :dueSoonUntil))";

    /** The earliest last day of a deadline still pending, of any kind; null when none is. */
    public static final String NEXT_DUE = "LEAST(CASE WHEN c.mediation_deadline_status = 'PENDING' THEN c.mediation_deadline END, "
            + "(SELECT min(d.due_on) FROM views.case_deadline d WHERE d.case_id = c.case_id AND d.status = 'PENDING'))";

    private CaseConditions() {
    }
}

package org.mediationledger.query.casefile;

/**
 * The deadline rules of the case list and the caseload as SQL conditions on {@code views.dispute_case c},
 * kept in one place (parameters {@code :today}, {@code :dueSoonUntil}).
 */
public final class CaseConditions {

    /** Open: not closed. A lawyer's active cases are the open cases they are responsible for. */
    public static final String OPEN = "c.stage <> 'CLOSED'";

    /** Still in mediation after the last day of the mediation period. */
    public static final String OVERDUE = "(c.stage = 'IN_MEDIATION' AND c.mediation_deadline < :today)";

    /** A pending mediation period that ends between today and {@code :dueSoonUntil}, both included. */
    public static final String DUE_SOON =
            "(c.mediation_deadline_status = 'PENDING' AND c.mediation_deadline BETWEEN :today AND :dueSoonUntil)";

    private CaseConditions() {
    }
}

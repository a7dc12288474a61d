package org.mediationledger.query.casefile;

/** The order of the case list ({@code GET /api/cases?sort=}). */
public enum CaseListOrder {
    /** the most recently registered first (the default) */
    registeredOn("c.registered_on DESC, c.case_id"),
    /** overdue cases first, then by the earliest pending deadline; cases with none last */
    nextDue("overdue DESC, next_due ASC NULLS LAST, c.registered_on DESC, c.case_id");

    final String orderBy;

    CaseListOrder(String orderBy) {
        this.orderBy = orderBy;
    }
}

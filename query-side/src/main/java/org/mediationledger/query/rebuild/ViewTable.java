package org.mediationledger.query.rebuild;

import java.util.List;

/**
 * A table of the views that a rebuild fills afresh and compares row by row.
 *
 * @param key   the columns that identify a row (its primary key)
 * @param owner the column naming the aggregate the row belongs to: a row of an aggregate that changed
 *              after the rebuild's last event is not compared (the live view has moved on)
 */
record ViewTable(String name, List<String> key, String owner) {

    /**
     * Every table derived from the events, parents before their children (the order to fill them in).
     * The ingestion's own bookkeeping is not among them.
     */
    static final List<ViewTable> ALL = List.of(
            new ViewTable("lawyer", List.of("lawyer_id"), "lawyer_id"),
            new ViewTable("dispute_case", List.of("case_id"), "case_id"),
            new ViewTable("case_payment", List.of("case_id", "payment_id"), "case_id"),
            new ViewTable("case_session", List.of("case_id", "session_id"), "case_id"),
            new ViewTable("case_timeline", List.of("case_id", "sequence"), "case_id"),
            new ViewTable("case_deadline", List.of("case_id", "kind", "number"), "case_id"),
            new ViewTable("case_lawyer", List.of("case_id", "lawyer_id"), "case_id"),
            // snapshots are the projection's own rows of a case (decision 0017): rebuilt and compared like the rest
            new ViewTable("case_file_snapshot", List.of("case_id", "sequence"), "case_id"),
            new ViewTable("relief_fund", List.of("fund_id"), "fund_id"),
            new ViewTable("relief_fund_entry", List.of("fund_id", "sequence"), "fund_id"));
}

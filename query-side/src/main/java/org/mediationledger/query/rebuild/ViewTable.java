package org.mediationledger.query.rebuild;

import java.util.List;

/**
 * A table of the views that a rebuild fills afresh and compares row by row.
 *
 * @param key   the columns that identify a row (its primary key)
 * @param owner the column naming the aggregate the row belongs to: a row of an aggregate that changed
 *              after the rebuild's last event is not compared (the live view has moved on); null for a
 *              rollup of the report, whose rows sum many aggregates
 * @param sums  a rollup's summed columns: its rows are compared summed over their shards (the rebuild
 *              writes one, the live ingestion one per partition), and only when no aggregate changed
 *              after the rebuild's last event; empty for the other tables
 */
record ViewTable(String name, List<String> key, String owner, List<String> sums) {

    ViewTable(String name, List<String> key, String owner) {
        this(name, key, owner, List.of());
    }

    static ViewTable rollup(String name, List<String> key, List<String> sums) {
        return new ViewTable(name, key, null, sums);
    }

    boolean isRollup() {
        return owner == null;
    }

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
            new ViewTable("relief_fund_entry", List.of("fund_id", "sequence"), "fund_id"),
            rollup("report_case_day", List.of("grouping", "group_key", "registered_on"),
                    List.of("cases", "claimed_fen", "agreed_fen", "relief_paid_fen", "outstanding_fen")),
            rollup("report_worker_day", List.of("grouping", "group_key", "registered_on", "previous_on"), List.of("workers")),
            rollup("report_payment_day", List.of("grouping", "group_key", "paid_on"), List.of("recovered_fen")));
}

package org.mediationledger.query.casefile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One case's rows of the case-file tables, as a run of the fold holds them. The rows the fold reads and
 * changes (the case, its payments, deadlines and lawyers) are always all there; its timeline and sessions,
 * which the fold only adds to, are all there only when {@link #historyComplete} (a case registered in this
 * run, or one whose history was loaded because a snapshot of it is due): otherwise they hold the rows this
 * run added, and a row the table already has is left as it is when they are written.
 */
final class CaseRows {

    final String caseId;
    /** the dispute_case row; null while the view does not hold the case */
    CaseRow caseRow;
    final Map<String, CaseRow> payments = new LinkedHashMap<>();
    final Map<String, CaseRow> deadlines = new LinkedHashMap<>();
    final Map<String, CaseRow> lawyers = new LinkedHashMap<>();
    final Map<String, CaseRow> sessions = new LinkedHashMap<>();
    final Map<Long, CaseRow> timeline = new LinkedHashMap<>();
    boolean historyComplete;
    /** snapshots taken in this run, not written yet */
    final List<Snapshot> snapshots = new ArrayList<>();

    /** A snapshot of the case's rows right after its event {@code sequence}, as the JSON of case_file_snapshot.tables. */
    record Snapshot(long sequence, String tablesJson) {
    }

    CaseRows(String caseId, boolean historyComplete) {
        this.caseId = caseId;
        this.historyComplete = historyComplete;
    }

    static String deadlineKey(String kind, int number) {
        return kind + "/" + number;
    }

    /** The rows of {@code table}, in no particular order. */
    Collection<CaseRow> rowsOf(String table) {
        return switch (table) {
            case "dispute_case" -> caseRow == null ? List.of() : List.of(caseRow);
            case "case_payment" -> payments.values();
            case "case_session" -> sessions.values();
            case "case_timeline" -> timeline.values();
            case "case_deadline" -> deadlines.values();
            case "case_lawyer" -> lawyers.values();
            default -> throw new IllegalArgumentException("no case-file table " + table);
        };
    }

    /** Takes in a row read from {@code table}; a row of the table wins over one this run added with the same key. */
    void load(String table, CaseRow row) {
        switch (table) {
            case "dispute_case" -> caseRow = row;
            case "case_payment" -> payments.put(row.text("payment_id"), row);
            case "case_session" -> sessions.put(row.text("session_id"), row);
            case "case_timeline" -> timeline.put((Long) row.get("sequence"), row);
            case "case_deadline" -> deadlines.put(deadlineKey(row.text("kind"), (Integer) row.get("number")), row);
            case "case_lawyer" -> lawyers.put(row.text("lawyer_id"), row);
            default -> throw new IllegalArgumentException("no case-file table " + table);
        }
    }

    Stream<CaseRow> allRows() {
        return CaseFileProjection.SNAPSHOT_TABLES.stream().flatMap(table -> rowsOf(table.name()).stream());
    }
}

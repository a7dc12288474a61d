package org.mediationledger.query.casefile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case's rows of the case-file tables, as a run of the fold holds them. The rows the fold reads and
 * changes (the case, its payments and deadlines) are always all there; its timeline, sessions and lawyers,
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

    /** The rows of a table the fold only adds to ({@link CaseTables#HISTORY}), by their key. */
    Map<?, CaseRow> addedTo(String table) {
        return switch (table) {
            case "case_session" -> sessions;
            case "case_timeline" -> timeline;
            case "case_lawyer" -> lawyers;
            default -> throw new IllegalArgumentException("the fold changes rows of " + table);
        };
    }

    /** The rows of {@code table}, in no particular order. */
    Collection<CaseRow> rowsOf(String table) {
        if (table.equals("dispute_case")) {
            return caseRow == null ? List.of() : List.of(caseRow);
        }
        return byKey(table).values();
    }

    /** Takes in a row read from {@code table}; a row of the table wins over one this run added with the same key. */
    void load(String table, CaseRow row) {
        if (table.equals("dispute_case")) {
            caseRow = row;
        } else {
            byKey(table).put(keyOf(table, row), row);
        }
    }

    /** Puts back a row this run added, unless the table's row of the same key was loaded meanwhile. */
    void addIfAbsent(String table, CaseRow row) {
        byKey(table).putIfAbsent(keyOf(table, row), row);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, CaseRow> byKey(String table) {
        return (Map<Object, CaseRow>) (Map<?, CaseRow>) switch (table) {
            case "case_payment" -> payments;
            case "case_deadline" -> deadlines;
            default -> addedTo(table);
        };
    }

    private static Object keyOf(String table, CaseRow row) {
        return switch (table) {
            case "case_payment" -> row.text("payment_id");
            case "case_session" -> row.text("session_id");
            case "case_timeline" -> (Long) row.get("sequence");
            case "case_deadline" -> deadlineKey(row.text("kind"), (Integer) row.get("number"));
            case "case_lawyer" -> row.text("lawyer_id");
            default -> throw new IllegalArgumentException("no case-file table " + table);
        };
    }

}

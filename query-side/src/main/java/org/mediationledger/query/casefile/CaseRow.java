package org.mediationledger.query.casefile;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a case-file table as the fold holds it in memory: its values by column name, and whether it
 * differs from what the table holds (a row the fold added, or one it changed). Values have the types
 * {@link CaseTables} reads them as: String (text, and jsonb as its JSON text), Long (bigint), Integer,
 * Boolean, LocalDate, Instant (timestamptz, in microseconds as PostgreSQL keeps it).
 */
final class CaseRow {

    private final Map<String, Object> values;
    private boolean changed;

    private CaseRow(Map<String, Object> values, boolean changed) {
        this.values = values;
        this.changed = changed;
    }

    /** A row as read from its table. */
    static CaseRow loaded(Map<String, Object> values) {
        return new CaseRow(values, false);
    }

    /** A row the fold adds; columns not given are NULL. */
    static CaseRow added() {
        return new CaseRow(new LinkedHashMap<>(), true);
    }

    CaseRow with(String column, Object value) {
        set(column, value);
        return this;
    }

    /** Sets a column; the row is marked changed only when the value does change. */
    void set(String column, Object value) {
        if (!Objects.equals(values.get(column), value) || !values.containsKey(column)) {
            values.put(column, value);
            changed = true;
        }
    }

    Object get(String column) {
        return values.get(column);
    }

    String text(String column) {
        return (String) values.get(column);
    }

    Long fen(String column) {
        return (Long) values.get(column);
    }

    LocalDate date(String column) {
        return (LocalDate) values.get(column);
    }

    boolean flag(String column) {
        return Boolean.TRUE.equals(values.get(column));
    }

    boolean changed() {
        return changed;
    }

    void written() {
        changed = false;
    }
}

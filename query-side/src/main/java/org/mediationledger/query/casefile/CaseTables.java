package org.mediationledger.query.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The case-file tables as the fold reads and writes them: each table's columns (from the catalog, so a
 * migration that adds one needs nothing here), a row read into {@link CaseRow} values, rows written
 * set-wise (one statement per table for a whole run), copied into fresh tables (a rebuild), or written out
 * as a snapshot's JSON. The same text form of a value serves the set-wise write and {@code COPY}.
 */
final class CaseTables {

    /** A column as the catalog gives it: its name and its type as {@code format_type} spells it. */
    record Column(String name, String type) {
    }

    /** A case-file table: its key, and whether the fold changes its rows after adding them. */
    record Table(String name, List<String> key, boolean rowsChange) {
    }

    /** Parents before children, the order they are written in. */
    static final List<Table> TABLES = List.of(
            new Table("dispute_case", List.of("case_id"), true),
            new Table("case_payment", List.of("case_id", "payment_id"), false),
            new Table("case_session", List.of("case_id", "session_id"), false),
            new Table("case_timeline", List.of("case_id", "sequence"), false),
            new Table("case_deadline", List.of("case_id", "kind", "number"), true),
            new Table("case_lawyer", List.of("case_id", "lawyer_id"), false));

    /** The tables a case's rows are loaded from whenever the fold takes the case in: those the fold reads. */
    static final List<String> ALWAYS_LOADED = List.of("dispute_case", "case_payment", "case_deadline");
    /** The tables the fold only adds rows to: loaded only when a snapshot of the case is due. */
    static final List<String> HISTORY = List.of("case_session", "case_timeline", "case_lawyer");

    private final JdbcTemplate jdbc;
    /** Read once per table: a projection's runs share it, from any thread. */
    private final Map<String, List<Column>> columns = new java.util.concurrent.ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    CaseTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The live table's columns: twins and a rebuild's tables are created LIKE it, so they have the same. */
    List<Column> columns(String table) {
        List<Column> known = columns.get(table);
        if (known != null) {
            return known;
        }
        List<Column> read = List.copyOf(readColumns(table));
        columns.put(table, read);
        return read;
    }

    private List<Column> readColumns(String table) {
        return jdbc.query("SELECT a.attname, format_type(a.atttypid, a.atttypmod) "
                        + "FROM pg_attribute a WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped "
                        + "ORDER BY a.attnum", (rs, row) -> new Column(rs.getString(1), rs.getString(2)),
                "views." + table);
    }

    // ---- reading --------------------------------------------------------------------------------------

    /** Adds the rows of {@code tables} of these cases to them, in one statement per table. */
    void load(Map<String, CaseRows> cases, List<String> tables) {
        if (cases.isEmpty()) {
            return;
        }
        Object ids = cases.keySet().toArray(String[]::new);
        for (String table : tables) {
            jdbc.query("SELECT * FROM views." + table + " WHERE case_id = ANY(?)",
                    rs -> {
                        CaseRow row = CaseRow.loaded(values(rs));
                        cases.get(row.text("case_id")).load(table, row);
                    }, ids);
        }
    }

    private static Map<String, Object> values(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            values.put(meta.getColumnName(i), value(rs, i, meta.getColumnTypeName(i)));
        }
        return values;
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        return switch (type) {
            case "int8" -> {
                long value = rs.getLong(i);
                yield rs.wasNull() ? null : value;
            }
            case "int4" -> {
                int value = rs.getInt(i);
                yield rs.wasNull() ? null : value;
            }
            case "bool" -> {
                boolean value = rs.getBoolean(i);
                yield rs.wasNull() ? null : value;
            }
            case "date" -> rs.getObject(i, LocalDate.class);
            case "timestamptz" -> {
                OffsetDateTime value = rs.getObject(i, OffsetDateTime.class);
                yield value == null ? null : value.toInstant();
            }
            default -> rs.getString(i); // text, and jsonb as its text
        };
    }

    // ---- writing --------------------------------------------------------------------------------------

    /** Writes the rows the run added or changed, one statement per table, and marks them written. */
    void write(Collection<CaseRows> cases) {
        for (Table table : TABLES) {
            List<CaseRow> rows = cases.stream().flatMap(c -> c.rowsOf(table.name()).stream()).filter(CaseRow::changed).toList();
            if (rows.isEmpty()) {
                continue;
            }
            List<Column> columns = columns(table.name());
            Object[] arrays = new Object[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c).name();
                arrays[c] = rows.stream().map(row -> text(row.get(column))).toArray(String[]::new);
            }
            String names = columns.stream().map(c -> quoted(c.name())).collect(Collectors.joining(", "));
            String nonKey = columns.stream().map(Column::name).filter(c -> !table.key().contains(c))
                    .map(c -> quoted(c) + " = EXCLUDED." + quoted(c)).collect(Collectors.joining(", "));
            jdbc.update("INSERT INTO views." + table.name() + " (" + names + ") SELECT "
                    + columns.stream().map(c -> "u." + quoted(c.name()) + "::" + c.type()).collect(Collectors.joining(", "))
                    + " FROM unnest(" + columns.stream().map(c -> "?::text[]").collect(Collectors.joining(", ")) + ") AS u("
                    + names + ") ON CONFLICT (" + String.join(", ", table.key()) + ") "
                    + (table.rowsChange() ? "DO UPDATE SET " + nonKey : "DO NOTHING"), arrays);
            rows.forEach(CaseRow::written);
        }
        List<String[]> snapshots = new ArrayList<>();
        cases.forEach(c -> c.snapshots.forEach(s -> snapshots.add(new String[]{c.caseId, Long.toString(s.sequence()), s.tablesJson()})));
        if (!snapshots.isEmpty()) {
            jdbc.update("INSERT INTO views.case_file_snapshot (case_id, sequence, layout, tables) SELECT u.c, u.s::bigint, ?, "
                            + "u.t::jsonb FROM unnest(?::text[], ?::text[], ?::text[]) AS u(c, s, t) "
                            + "ON CONFLICT (case_id, sequence) DO NOTHING", snapshotLayout(),
                    snapshots.stream().map(s -> s[0]).toArray(String[]::new), snapshots.stream().map(s -> s[1]).toArray(String[]::new),
                    snapshots.stream().map(s -> s[2]).toArray(String[]::new));
            cases.forEach(c -> c.snapshots.clear());
        }
    }

    /**
     * Copies every row of these cases into {@code schema}'s fresh tables with {@code COPY}, one per table, on
     * {@code connection} (a rebuild's: the cases were folded from nothing, so every row is new).
     */
    void copy(Connection connection, String schema, Collection<CaseRows> cases) throws SQLException {
        CopyManager copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
        for (Table table : TABLES) {
            List<Column> columns = columns(table.name());
            CopyStream stream = null;
            try {
                for (CaseRows rows : cases) {
                    for (CaseRow row : rows.rowsOf(table.name())) {
                        if (stream == null) {
                            stream = new CopyStream(copyApi.copyIn("COPY " + schema + "." + table.name() + " (" + columns.stream()
                                    .map(c -> quoted(c.name())).collect(Collectors.joining(", ")) + ") FROM STDIN"));
                        }
                        for (int c = 0; c < columns.size(); c++) {
                            if (c > 0) {
                                stream.text.append('\t');
                            }
                            appendCopyText(stream.text, text(row.get(columns.get(c).name())));
                        }
                        stream.endRow();
                    }
                }
                if (stream != null) {
                    stream.end();
                }
            } catch (SQLException | RuntimeException e) {
                if (stream != null) {
                    stream.cancel(); // leave the connection usable, not inside a COPY
                }
                throw e;
            }
        }
        CopyStream snapshots = null;
        String layout = null;
        for (CaseRows rows : cases) {
            for (CaseRows.Snapshot snapshot : rows.snapshots) {
                if (snapshots == null) {
                    layout = snapshotLayout(); // asked before the COPY begins: the connection takes nothing else during it
                    snapshots = new CopyStream(copyApi.copyIn("COPY " + schema + ".case_file_snapshot (case_id, sequence, layout, tables) "
                            + "FROM STDIN"));
                }
                appendCopyText(snapshots.text, rows.caseId);
                snapshots.text.append('\t').append(snapshot.sequence()).append('\t');
                appendCopyText(snapshots.text, layout);
                snapshots.text.append('\t');
                appendCopyText(snapshots.text, snapshot.tablesJson());
                snapshots.endRow();
            }
        }
        if (snapshots != null) {
            snapshots.end();
        }
    }

    /**
     * One COPY … FROM STDIN, sent as it is written, about 32,000 characters at a time: PostgreSQL takes in
     * the rows while the next ones are encoded.
     */
    private static final class CopyStream {
        private static final int SEND_AT = 1 << 15;
        final StringBuilder text = new StringBuilder(SEND_AT + 4096);
        private final CopyIn copy;

        CopyStream(CopyIn copy) {
            this.copy = copy;
        }

        void endRow() throws SQLException {
            text.append('\n');
            if (text.length() >= SEND_AT) {
                send();
            }
        }

        void end() throws SQLException {
            send();
            copy.endCopy();
        }

        void cancel() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the failure that led here is the one to report
            }
        }

        private void send() throws SQLException {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
    }

    private volatile String layout;

    /** The case-file tables' layout now (CaseFileProjection.SNAPSHOT_LAYOUT), asked once. */
    private String snapshotLayout() {
        if (layout == null) {
            layout = jdbc.queryForObject("SELECT " + CaseFileProjection.SNAPSHOT_LAYOUT, String.class);
        }
        return layout;
    }

    /** A value as PostgreSQL reads it back from text: what unnest(text[]) casts and COPY takes. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean flag) {
            return flag ? "t" : "f";
        }
        return value.toString(); // String, Long, Integer, LocalDate and Instant (ISO 8601, UTC) as themselves
    }

    /** COPY's text format: NULL as \N, and backslash, tab, newline and carriage return escaped. */
    private static void appendCopyText(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        int plain = 0;
        while (plain < value.length() && !escaped(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            out.append(value); // the common case: nothing to escape
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static boolean escaped(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    private static String quoted(String column) {
        return '"' + column + '"';
    }

    // ---- snapshots ------------------------------------------------------------------------------------

    /**
     * The case's rows as case_file_snapshot.tables holds them: per table, its rows in the order of their key,
     * each with every column (jsonb columns as JSON, dates and instants as their ISO text), so that
     * jsonb_populate_recordset gives the rows back.
     */
    String snapshotJson(CaseRows rows) {
        ObjectNode tables = json.createObjectNode();
        for (CaseFileProjection.SnapshotTable table : CaseFileProjection.SNAPSHOT_TABLES) {
            List<Column> columns = columns(table.name());
            List<String> order = List.of(table.order().split(",\\s*"));
            ArrayNode array = tables.putArray(table.name());
            rows.rowsOf(table.name()).stream().sorted(byColumns(order)).forEach(row -> {
                ObjectNode object = array.addObject();
                for (Column column : columns) {
                    Object value = row.get(column.name());
                    if (value == null) {
                        object.putNull(column.name());
                    } else if (column.type().equals("jsonb")) {
                        object.set(column.name(), tree((String) value));
                    } else if (value instanceof Long number) {
                        object.put(column.name(), number);
                    } else if (value instanceof Integer number) {
                        object.put(column.name(), number);
                    } else if (value instanceof Boolean flag) {
                        object.put(column.name(), flag);
                    } else {
                        object.put(column.name(), value.toString());
                    }
                }
            });
        }
        return tables.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<CaseRow> byColumns(List<String> order) {
        Comparator<CaseRow> comparator = (a, b) -> 0;
        for (String column : order) {
            comparator = comparator.thenComparing(row -> (Comparable) row.get(column),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
        }
        return comparator;
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a jsonb value of the case file is not JSON", e);
        }
    }

    /** Instants as PostgreSQL keeps them (microseconds, rounded as it rounds), so a row read back equals the one written. */
    static Instant micros(Instant instant) {
        long rounded = (instant.getNano() + 500) / 1000 * 1000;
        return rounded == 1_000_000_000 ? Instant.ofEpochSecond(instant.getEpochSecond() + 1)
                : Instant.ofEpochSecond(instant.getEpochSecond(), rounded);
    }
}

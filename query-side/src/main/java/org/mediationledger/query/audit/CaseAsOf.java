package org.mediationledger.query.audit;

import org.mediationledger.events.disputecase.DisputeCaseEvent;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.casefile.CaseFile;
import org.mediationledger.query.casefile.CaseFileProjection;
import org.mediationledger.query.casefile.CaseFileQueries;
import org.mediationledger.query.casefile.ClaimantMasking;
import org.mediationledger.query.config.BusinessCalendar;
import org.mediationledger.query.rebuild.SchemaRedirect;
import org.mediationledger.query.web.NotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The case file as it stood at a past instant ({@code GET /api/audit/cases/{id}/state?asOf=}), folded by the
 * very projection that builds the live view. The case's stored events up to that instant are replayed into
 * temporary twins of the view tables (emptied by the transaction's rollback), and the case file is read
 * from them by the live view's own query: the live tables are neither written nor locked, so no live
 * reader waits and no dead row is left in them. The twins start from the case's latest snapshot at or before the
 * instant (the same projection's rows after one of its events, decision 0017), so at most
 * {@link CaseFileProjection#SNAPSHOT_EVERY} - 1 events are replayed; without one they start empty.
 * When nothing happened after that instant and the live view has taken in every event, the live case
 * file is the answer.
 */
@Component
public class CaseAsOf {

    /**
     * What the twins may grow to before they are truncated: a few dozen as-ofs of a case of 1,000 events
     * (each leaves about 600 dead rows), small enough that lookups in them stay quick.
     */
    private static final long TWINS_MAX_BYTES = 4L * 1024 * 1024;

    /** The tables a case file is built in and read from. */
    private static final List<String> CASE_TABLES = List.of("dispute_case", "aggregate_sequence", "case_lawyer", "case_payment",
            "case_session", "case_deadline", "case_timeline");

    private final StoredEvents storedEvents;
    private final CaseFileQueries liveQueries;
    private final DataSource dataSource;
    private final ClaimantMasking masking;
    private final BusinessCalendar calendar;
    private final PlatformTransactionManager transactionManager;

    public CaseAsOf(StoredEvents storedEvents, CaseFileQueries liveQueries, DataSource dataSource, ClaimantMasking masking,
                    BusinessCalendar calendar, PlatformTransactionManager transactionManager) {
        this.storedEvents = storedEvents;
        this.liveQueries = liveQueries;
        this.dataSource = dataSource;
        this.masking = masking;
        this.calendar = calendar;
        this.transactionManager = transactionManager;
    }

    public CaseFile caseFile(String caseId, Instant asOf) {
        List<StoredEvents.Stamp> stamps = storedEvents.stampsOf(caseId);
        Set<Long> kept = new HashSet<>();
        for (StoredEvents.Stamp stamp : stamps) {
            if (!Instant.parse(stamp.timeStamp()).isAfter(asOf)) {
                kept.add(stamp.sequence());
            }
        }
        if (kept.isEmpty()) {
            throw new NotFound("case " + caseId + " had no events at " + asOf);
        }
        long last = Collections.max(kept);
        if (kept.size() == stamps.size()) {
            Optional<CaseFile> live = liveQueries.caseFile(caseId);
            if (live.isPresent() && live.get().version() == last) {
                return live.get();
            }
        }
        try {
            return replayed(caseId, kept, last)
                    .orElseThrow(() -> new NotFound("case " + caseId + " had no file at " + asOf));
        } catch (SQLException e) {
            throw new IllegalStateException("the case could not be replayed", e);
        }
    }

    private Optional<CaseFile> replayed(String caseId, Set<Long> kept, long last) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            prepareTwins(connection);
            connection.setAutoCommit(false);
            try {
                long restored = restoreSnapshot(connection, caseId, unbrokenUpTo(kept));
                // the events after the snapshot only, read on this connection (a second one from the pool could wait forever)
                List<StoredEvents.Row> events = StoredEvents.of(new JdbcTemplate(new SingleConnectionDataSource(connection, true)),
                        caseId, restored + 1, last);
                SingleConnectionDataSource temporary = new SingleConnectionDataSource(SchemaRedirect.to("pg_temp", connection), true);
                CaseFileProjection.Fold projection = CaseFileProjection.forThrowawayTables(new JdbcTemplate(temporary)).newFold("as-of");
                for (StoredEvents.Row row : events) {
                    if (!kept.contains(row.event().sequenceNumber())) {
                        continue; // stored after the instant, though before a later kept one
                    }
                    PublishedEvent envelope = StoredEnvelopes.envelope(row.event(), -1);
                    Object payload = StoredEnvelopes.payload(row.event()).orElse(null);
                    if (payload instanceof DisputeCaseEvent event) {
                        projection.apply(event, envelope);
                    } else {
                        projection.recordInTimeline(envelope); // a type this side does not know: in the timeline only
                    }
                }
                projection.flush();
                return new CaseFileQueries(new NamedParameterJdbcTemplate(temporary), masking, calendar, transactionManager)
                        .caseFileInCurrentTransaction(caseId);
            } finally {
                connection.rollback(); // the twins are empty again; the live tables were never written
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Creates the temporary twins of the case-file tables on this pooled connection, unless an earlier
     * as-of on it did: they last as long as the database session, and are empty between as-ofs since each
     * as-of is rolled back. Creating seven tables with their indexes for every as-of cost more than the rest
     * of it on a busy machine. A rollback leaves its rows behind as dead rows, which only vacuum or
     * truncation reclaim (autovacuum never visits temporary tables): once the twins have grown past
     * {@link #TWINS_MAX_BYTES} they are truncated here, outside any as-of. Nothing else uses these names
     * unqualified (every view table is named {@code views.}), so nothing else reaches the twins.
     */
    private static void prepareTwins(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (String table : CASE_TABLES) {
            sql.append("CREATE TEMPORARY TABLE IF NOT EXISTS ").append(table).append(" (LIKE views.").append(table)
                    .append(" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);");
        }
        String names = CASE_TABLES.stream().map(table -> "'" + table + "'").collect(Collectors.joining(", "));
        sql.append("DO $$ BEGIN IF (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relnamespace = "
                        + "pg_my_temp_schema() AND c.relname IN (").append(names).append(")) > ").append(TWINS_MAX_BYTES)
                .append(" THEN TRUNCATE ").append(CASE_TABLES.stream().map(table -> "pg_temp." + table)
                        .collect(Collectors.joining(", "))).append("; END IF; END $$");
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString()); // one round trip; on a connection that has the twins, notices only
        }
    }

    /**
     * The highest sequence up to which every event of the case is kept (0, 1, ... without a hole), or -1.
     * A snapshot folds every event up to its sequence, so only such a snapshot gives what the replay of the
     * kept events gives (an event stored after the instant but before a kept one is left out of the
     * replay, and would be in the snapshot).
     */
    private static long unbrokenUpTo(Set<Long> kept) {
        long sequence = 0;
        while (kept.contains(sequence)) {
            sequence++;
        }
        return sequence - 1;
    }

    /**
     * Fills the temporary twins with the case's latest snapshot of the current layout at or before
     * {@code upTo}, in one statement.
     *
     * @return the sequence of the snapshot restored, or -1 when there was none
     */
    private static long restoreSnapshot(Connection connection, String caseId, long upTo) throws SQLException {
        if (upTo < CaseFileProjection.SNAPSHOT_EVERY) {
            return -1;
        }
        StringBuilder sql = new StringBuilder("WITH snapshot AS (SELECT sequence, tables FROM views.case_file_snapshot "
                + "WHERE case_id = ? AND sequence <= ? AND layout = " + CaseFileProjection.SNAPSHOT_LAYOUT
                + " ORDER BY sequence DESC LIMIT 1)");
        for (CaseFileProjection.SnapshotTable table : CaseFileProjection.SNAPSHOT_TABLES) {
            sql.append(", restored_").append(table.name()).append(" AS (INSERT INTO pg_temp.").append(table.name())
                    .append(" SELECT r.* FROM snapshot, jsonb_populate_recordset(NULL::pg_temp.").append(table.name())
                    .append(", snapshot.tables -> '").append(table.name()).append("') r)");
        }
        sql.append(" SELECT sequence FROM snapshot");
        try (PreparedStatement restore = connection.prepareStatement(sql.toString())) {
            restore.setString(1, caseId);
            restore.setLong(2, upTo);
            try (ResultSet found = restore.executeQuery()) {
                return found.next() ? found.getLong(1) : -1;
            }
        }
    }
}

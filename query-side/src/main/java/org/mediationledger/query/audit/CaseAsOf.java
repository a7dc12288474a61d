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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The case file as it stood at a past instant ({@code GET /api/audit/cases/{id}/state?asOf=}), folded by the
 * very projection that builds the live view. The case's stored events up to that instant are replayed into
 * empty temporary twins of the view tables (dropped with the transaction), and the case file is read from
 * them by the live view's own query: the live tables are neither read nor written, so no live reader
 * waits and no dead row is left behind. When nothing happened after that instant and the live view has
 * taken in every event, the live case file is the answer.
 */
@Component
public class CaseAsOf {

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
        List<StoredEvents.Row> stored = storedEvents.of(caseId);
        List<StoredEvents.Row> history = stored.stream()
                .filter(row -> !Instant.parse(row.event().timeStamp()).isAfter(asOf))
                .toList();
        if (history.isEmpty()) {
            throw new NotFound("case " + caseId + " had no events at " + asOf);
        }
        if (history.size() == stored.size()) {
            long last = history.get(history.size() - 1).event().sequenceNumber();
            Optional<CaseFile> live = liveQueries.caseFile(caseId);
            if (live.isPresent() && live.get().version() == last) {
                return live.get();
            }
        }
        try {
            return replayed(caseId, history)
                    .orElseThrow(() -> new NotFound("case " + caseId + " had no file at " + asOf));
        } catch (SQLException e) {
            throw new IllegalStateException("the case could not be replayed", e);
        }
    }

    private Optional<CaseFile> replayed(String caseId, List<StoredEvents.Row> history) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement ddl = connection.createStatement()) {
                    for (String table : CASE_TABLES) {
                        ddl.execute("CREATE TEMPORARY TABLE " + table + " (LIKE views." + table
                                + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES) ON COMMIT DROP");
                    }
                }
                SingleConnectionDataSource temporary = new SingleConnectionDataSource(SchemaRedirect.to("pg_temp", connection), true);
                CaseFileProjection projection = new CaseFileProjection(new JdbcTemplate(temporary));
                for (StoredEvents.Row row : history) {
                    PublishedEvent envelope = StoredEnvelopes.envelope(row.event(), -1);
                    Object payload = StoredEnvelopes.payload(row.event()).orElse(null);
                    if (payload instanceof DisputeCaseEvent event) {
                        projection.apply(event, envelope);
                    } else {
                        projection.recordInTimeline(envelope); // a type this side does not know: in the timeline only
                    }
                }
                return new CaseFileQueries(new NamedParameterJdbcTemplate(temporary), masking, calendar, transactionManager)
                        .caseFileInCurrentTransaction(caseId);
            } finally {
                connection.rollback(); // drops the temporary tables
                connection.setAutoCommit(true);
            }
        }
    }
}

package org.mediationledger.query.audit;

import org.mediationledger.events.disputecase.DisputeCaseEvent;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.casefile.CaseFile;
import org.mediationledger.query.casefile.CaseFileProjection;
import org.mediationledger.query.casefile.CaseFileQueries;
import org.mediationledger.query.web.NotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;

/**
 * The case file as it stood at a past instant ({@code GET /api/audit/cases/{id}/state?asOf=}), folded by the
 * very projection that builds the live view: inside one transaction the case's view rows are replaced by
 * its stored events up to that instant, the case file is read, and everything is rolled back. The live
 * view of that case waits for the moment this takes; no other case is touched.
 */
@Component
public class CaseAsOf {

    /** Tables holding one case's view, children first. */
    private static final List<String> CASE_TABLES = List.of("views.case_lawyer", "views.case_payment", "views.case_session", "views.case_deadline",
            "views.case_timeline", "views.dispute_case");

    private final StoredEvents storedEvents;
    private final CaseFileProjection projection;
    private final CaseFileQueries queries;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public CaseAsOf(StoredEvents storedEvents, CaseFileProjection projection, CaseFileQueries queries, JdbcTemplate jdbc,
                    PlatformTransactionManager transactionManager) {
        this.storedEvents = storedEvents;
        this.projection = projection;
        this.queries = queries;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public CaseFile caseFile(String caseId, Instant asOf) {
        List<StoredEvents.Row> history = storedEvents.of(caseId).stream()
                .filter(row -> !Instant.parse(row.event().timeStamp()).isAfter(asOf))
                .toList();
        if (history.isEmpty()) {
            throw new NotFound("case " + caseId + " had no events at " + asOf);
        }
        return transaction.execute(status -> {
            status.setRollbackOnly(); // a replay for one answer: the live view stays as it is
            for (String table : CASE_TABLES) {
                jdbc.update("DELETE FROM " + table + " WHERE case_id = ?", caseId);
            }
            for (StoredEvents.Row row : history) {
                PublishedEvent envelope = StoredEnvelopes.envelope(row.event(), -1);
                Object payload = StoredEnvelopes.payload(row.event()).orElse(null);
                if (payload instanceof DisputeCaseEvent event) {
                    projection.apply(event, envelope);
                } else {
                    projection.recordInTimeline(envelope); // a type this side does not know: in the timeline only
                }
            }
            return queries.caseFile(caseId).orElseThrow(() -> new NotFound("case " + caseId + " had no file at " + asOf));
        });
    }
}

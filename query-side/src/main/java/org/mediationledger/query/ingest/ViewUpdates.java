package org.mediationledger.query.ingest;

import org.mediationledger.events.disputecase.DisputeCaseEvent;
import org.mediationledger.events.lawyer.LawyerEvent;
import org.mediationledger.events.relieffund.ReliefFundEvent;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.events.worker.WorkerEvent;
import org.mediationledger.query.casefile.CaseFileProjection;
import org.mediationledger.query.casefile.CaseRowsCopier;
import org.mediationledger.query.casefile.PersonalDataErasure;
import org.mediationledger.query.caseload.LawyerProjection;
import org.mediationledger.query.relief.ReliefFundProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which projection each event goes to: the one place that says so, used by the live ingestion and by a
 * rebuild, so that both fold the events by the very same logic.
 */
@Component
public class ViewUpdates {

    private final CaseFileProjection caseFiles;
    private final LawyerProjection lawyers;
    private final ReliefFundProjection reliefFunds;
    private final PersonalDataErasure erasures;

    @Autowired
    public ViewUpdates(CaseFileProjection caseFiles, LawyerProjection lawyers, ReliefFundProjection reliefFunds,
                       PersonalDataErasure erasures) {
        this.caseFiles = caseFiles;
        this.lawyers = lawyers;
        this.reliefFunds = reliefFunds;
        this.erasures = erasures;
    }

    /** The same projections, writing through {@code jdbc} (a rebuild's fresh tables). */
    public static ViewUpdates writingThrough(JdbcTemplate jdbc) {
        return new ViewUpdates(new CaseFileProjection(jdbc), new LawyerProjection(jdbc), new ReliefFundProjection(jdbc),
                new PersonalDataErasure(jdbc));
    }

    /**
     * A run of the fold over every view: an ingestion batch, a chunk of a rebuild.
     *
     * @param rollupShard whose rows of the report's rollups the run adds to: the batch's partition, or
     *                    {@code rebuild} (CaseFileProjection#newFold)
     */
    public Fold newFold(String rollupShard) {
        return new Fold(caseFiles.newFold(rollupShard));
    }

    /**
     * A rebuild's run: the case files are folded from nothing and copied into fresh tables by {@code copier}
     * (CaseFileProjection#newFoldIntoEmptyTables); the other projections write through this instance's
     * JdbcTemplate, which the rebuild points at the same schema.
     */
    public Fold newFoldIntoEmptyTables(CaseRowsCopier copier) {
        return new Fold(caseFiles.newFoldIntoEmptyTables(copier));
    }

    /**
     * One run of the fold, used by one thread. The driver calls {@link #flush()} before it commits: some
     * writes are kept back until then and made set-wise ({@link CaseFileProjection.Fold}).
     */
    public final class Fold {

        private final CaseFileProjection.Fold caseFileFold;

        private Fold(CaseFileProjection.Fold caseFileFold) {
            this.caseFileFold = caseFileFold;
        }

        /**
         * Reads the rows of the batch's cases at once, before its events are applied (with their history for
         * a case whose snapshot one of them brings).
         */
        public void prefetch(List<PublishedEvent> events) {
            Set<String> cases = new LinkedHashSet<>();
            Set<String> snapshotDue = new HashSet<>();
            for (PublishedEvent event : events) {
                if (EventIngestion.DISPUTE_CASE.equals(event.aggregateType())) {
                    cases.add(event.aggregateId());
                    if (event.sequence() > 0 && event.sequence() % CaseFileProjection.SNAPSHOT_EVERY == 0) {
                        snapshotDue.add(event.aggregateId());
                    }
                }
            }
            caseFileFold.prefetch(cases, snapshotDue);
        }

        public void apply(Object payload, PublishedEvent event) {
            if (payload instanceof DisputeCaseEvent caseEvent) {
                caseFileFold.apply(caseEvent, event);
            } else if (payload instanceof LawyerEvent lawyerEvent) {
                lawyers.apply(lawyerEvent, event);
            } else if (payload instanceof ReliefFundEvent fundEvent) {
                reliefFunds.apply(fundEvent, event);
            } else if (payload instanceof WorkerEvent workerEvent) {
                caseFileFold.writeRows(); // the erasure changes case rows in the tables: the fold's go there first
                erasures.apply(workerEvent);
            } else {
                throw new IllegalStateException("no projection for " + payload.getClass().getName());
            }
        }

        /** A type this side does not know (a newer writer's): a case's timeline still shows that something happened. */
        public void applyUnknown(PublishedEvent event) {
            if (EventIngestion.DISPUTE_CASE.equals(event.aggregateType())) {
                caseFileFold.recordInTimeline(event);
            }
        }

        public void flush() {
            caseFileFold.flush();
        }
    }
}

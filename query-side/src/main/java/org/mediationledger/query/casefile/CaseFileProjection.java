package org.mediationledger.query.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.common.CaseStage;
import org.mediationledger.events.disputecase.AgreementJudiciallyConfirmed;
import org.mediationledger.events.disputecase.AwardRecorded;
import org.mediationledger.events.disputecase.EnforcementTerminated;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.ClaimantRecord;
import org.mediationledger.events.disputecase.CourtReferralReceived;
import org.mediationledger.events.disputecase.DisputeCaseEvent;
import org.mediationledger.events.disputecase.DisputeRegistered;
import org.mediationledger.events.disputecase.MediationAgreementReached;
import org.mediationledger.events.disputecase.MediationExtended;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.MediationSessionHeld;
import org.mediationledger.events.disputecase.MediatorAssigned;
import org.mediationledger.events.disputecase.WagePaymentRecorded;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.disputecase.ConfirmationWindowLapsed;
import org.mediationledger.events.disputecase.InstalmentOverdue;
import org.mediationledger.events.disputecase.LegalAidApplied;
import org.mediationledger.events.disputecase.LegalAidAssigned;
import org.mediationledger.events.disputecase.LegalAidDecisionOverdue;
import org.mediationledger.events.disputecase.LegalAidReassigned;
import org.mediationledger.events.disputecase.MediationPeriodLapsed;
import org.mediationledger.events.disputecase.ReliefApplied;
import org.mediationledger.events.disputecase.ReliefApproved;
import org.mediationledger.events.disputecase.ReliefPaid;
import org.mediationledger.events.disputecase.ReliefRecovered;
import org.mediationledger.events.disputecase.ReliefRejected;
import org.mediationledger.events.pii.EncryptedText;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.EventMetadata;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.report.ReportRollups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies dispute-case events to the case-file tables: the one fold of a case's events into its rows
 * (decision 0029). A run of it ({@link Fold}) holds the rows of the cases it takes in, changes them in
 * memory event by event, and writes what changed once, set-wise. Two drivers run it: the ingestion, a
 * polled batch at a time, inside its transaction after the sequence check (so every method may assume the
 * case's earlier events are applied), reading the cases' rows from the tables and upserting them; and a
 * rebuild, which takes each case's events together, starts every case from nothing and copies its rows
 * into fresh tables. An as-of is the first driver over temporary twins of the tables.
 */
@Component
public class CaseFileProjection {

    static final String CONFIRMATION_WINDOW = "CONFIRMATION_WINDOW";
    static final String INSTALMENT = "INSTALMENT";
    static final String LEGAL_AID_DECISION = "LEGAL_AID_DECISION";
    /** CPL arts. 205-206, as the command side counts it (docs/deadlines.md). */
    static final int CONFIRMATION_WINDOW_DAYS = 30;

    /**
     * A case's rows are snapshotted after every this many of its events (decision 0017): an as-of replays
     * at most this many minus one events after the nearest snapshot. A constant of the view, not a setting:
     * it decides which snapshot rows exist, so live views and a rebuild must agree on it.
     */
    public static final int SNAPSHOT_EVERY = 20;

    /** A case-file table as a snapshot holds it: the case's rows, in the order of their key. */
    public record SnapshotTable(String name, String order) {
    }

    /** Every table this projection writes a case's rows to, and the only ones it reads, parents first. */
    public static final List<SnapshotTable> SNAPSHOT_TABLES = List.of(
            new SnapshotTable("dispute_case", "case_id"),
            new SnapshotTable("case_payment", "payment_id"),
            new SnapshotTable("case_session", "session_id"),
            new SnapshotTable("case_timeline", "sequence"),
            new SnapshotTable("case_deadline", "kind, number"),
            new SnapshotTable("case_lawyer", "lawyer_id"));

    /**
     * The version of this fold. Raise it with any change to what the projection writes for an event (a
     * fix, a newly known event type): snapshots of the old fold are then passed over and the as-of
     * replays from the start, until a rebuild has taken new ones. Version 2: snapshots are written by the
     * in-memory fold (rows in Java's order of their key), no longer by to_jsonb in SQL.
     */
    static final int FOLD_VERSION = 2;

    /**
     * The columns of those tables and the fold's version, as one value: a snapshot taken before a
     * migration changed them, or by another fold, is not restored. The table names are {@code views.}
     * ones, so a redirected connection computes it over its own twins (created LIKE the live tables:
     * the same value).
     */
    public static final String SNAPSHOT_LAYOUT = "(SELECT 'fold " + FOLD_VERSION + " ' || md5(string_agg(c.relname || '.' || a.attname || ' ' "
            + "|| format_type(a.atttypid, a.atttypmod), ',' ORDER BY c.relname, a.attnum)) FROM pg_attribute a "
            + "JOIN pg_class c ON c.oid = a.attrelid WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN ("
            + SNAPSHOT_TABLES.stream().map(t -> "'views." + t.name() + "'::regclass").collect(Collectors.joining(", ")) + "))";

    private final JdbcTemplate jdbc;
    /** the tables' columns, read once and shared by every run */
    private final CaseTables tables;
    /** whether it takes snapshots and keeps the report's rollups: not into an as-of's throwaway tables */
    private final boolean keepsDerivedRows;
    private final ObjectMapper eventJson = EventJson.newObjectMapper();

    @Autowired
    public CaseFileProjection(JdbcTemplate jdbc) {
        this(jdbc, true);
    }

    private CaseFileProjection(JdbcTemplate jdbc, boolean keepsDerivedRows) {
        this.jdbc = jdbc;
        this.tables = new CaseTables(jdbc);
        this.keepsDerivedRows = keepsDerivedRows;
    }

    /**
     * The same projection, taking no snapshots and keeping no rollups: an as-of folds one case into throwaway
     * tables that have neither.
     */
    public static CaseFileProjection forThrowawayTables(JdbcTemplate jdbc) {
        return new CaseFileProjection(jdbc, false);
    }

    /**
     * A run of this fold over the tables: an ingestion batch, an as-of, a rebuild's catching up before its switch.
     *
     * @param rollupShard the rollup rows this run adds to (ReportRollups.Run): the partition of an ingestion
     *                    batch, {@code rebuild} for a rebuild
     */
    public Fold newFold(String rollupShard) {
        return new Fold(keepsDerivedRows ? new ReportRollups.Run(jdbc, rollupShard) : null, null);
    }

    /**
     * A run of this fold into a rebuild's fresh, empty tables: every case starts from nothing (the rebuild
     * gives each case's events together, and flushes only between cases), and its rows are copied in by
     * {@code copier}. It takes snapshots; the rebuild fills the rollups from the rows afterwards
     * (ReportRollups#fill), so this run keeps none.
     */
    public Fold newFoldIntoEmptyTables(CaseRowsCopier copier) {
        return new Fold(null, copier);
    }

    /**
     * One run of the fold, used by one thread: the rows of the cases it took in, in memory until
     * {@link #flush()}, which the driver calls before it commits.
     */
    public final class Fold {

        private final Map<String, CaseRows> cases = new LinkedHashMap<>();
        /** null when the fold keeps no rollups */
        private final ReportRollups.Run rollups;
        /** a rebuild's: where its rows are copied to; null for a run over the tables */
        private final CaseRowsCopier copier;

        private Fold(ReportRollups.Run rollups, CaseRowsCopier copier) {
            this.rollups = rollups;
            this.copier = copier;
        }

        /**
         * Reads the rows of these cases, one statement per table for all of them, before their events are
         * applied; with their timeline and sessions for those in {@code snapshotDue} (a snapshot of them will
         * be taken). Only saves round trips: a case not read here is read when its first event comes.
         */
        public void prefetch(Collection<String> caseIds, Set<String> snapshotDue) {
            if (copier != null) {
                return;
            }
            Map<String, CaseRows> toLoad = new LinkedHashMap<>();
            caseIds.stream().filter(id -> !cases.containsKey(id)).forEach(id -> toLoad.put(id, new CaseRows(id, false)));
            tables.load(toLoad, CaseTables.ALWAYS_LOADED);
            Map<String, CaseRows> withHistory = new LinkedHashMap<>();
            toLoad.values().stream().filter(c -> snapshotDue.contains(c.caseId)).forEach(c -> withHistory.put(c.caseId, c));
            tables.load(withHistory, CaseTables.HISTORY);
            withHistory.values().forEach(c -> c.historyComplete = true);
            cases.putAll(toLoad);
        }

        /**
         * @throws ProjectionRefused before changing anything, when the event concerns a case the view
         *                           does not hold (its registration was never applied)
         */
        public void apply(DisputeCaseEvent event, PublishedEvent envelope) {
            CaseRows rows = rowsOf(event.caseId());
            if (event instanceof DisputeRegistered registered) {
                if (rows.caseRow != null) {
                    throw new IllegalStateException("case " + event.caseId() + " is already in the view; it cannot be registered again");
                }
                registered(rows, registered, envelope.sequence());
                if (rollups != null) {
                    rollups.registered(event.caseId());
                }
            } else {
                if (rows.caseRow == null) {
                    throw new ProjectionRefused("case " + event.caseId() + " is not in the view; " + event.getClass().getSimpleName()
                            + " cannot be applied before its registration");
                }
                if (rollups != null) {
                    rollups.touched(event.caseId(), figures(rows.caseRow)); // the first call of the run counts
                }
                applyToRows(this, rows, event);
            }
            recordInTimeline(envelope);
        }

        /** Every event of a case, known or not, appears in its timeline and moves its version. */
        public void recordInTimeline(PublishedEvent envelope) {
            if (envelope.occurredAt() == null) {
                // EventIngestion refuses such an event before any projection runs (the case is held with the
                // reason "has no occurredAt"), so this is a backstop: never write NULL into the NOT NULL
                // occurred_at, and never invent a time. Not ProjectionRefused, which must come before any
                // change: this exception fails the whole batch, and the consumer holds the case as a
                // permanent failure.
                throw new IllegalArgumentException("event " + envelope.eventId() + " has no occurredAt");
            }
            CaseRows rows = rowsOf(envelope.aggregateId());
            EventMetadata metadata = envelope.metadata();
            rows.timeline.putIfAbsent(envelope.sequence(), CaseRow.added()
                    .with("case_id", envelope.aggregateId())
                    .with("sequence", envelope.sequence())
                    .with("event_type", envelope.type())
                    .with("occurred_at", CaseTables.micros(envelope.occurredAt()))
                    .with("actor_id", metadata == null ? null : metadata.actorId())
                    .with("actor_role", metadata == null ? null : metadata.actorRole()));
            if (rows.caseRow != null) {
                rows.caseRow.set("version", envelope.sequence());
                if (keepsDerivedRows && envelope.sequence() > 0 && envelope.sequence() % SNAPSHOT_EVERY == 0) {
                    snapshot(rows, envelope.sequence());
                }
            }
        }

        /**
         * Writes the rows the run added or changed and forgets the cases (a later event reads them again),
         * without the rollups: what a driver does before another projection writes the same rows (an erasure).
         */
        public void writeRows() {
            if (copier != null) {
                copier.copy(cases.values());
            } else {
                tables.write(cases.values());
            }
            cases.clear();
        }

        /**
         * Writes the run's rows, then adds its changes to the report's rollups: the driver calls it before it
         * commits (or reads the tables). Everything the run holds is let go, so that a long run (a rebuild)
         * holds one chunk's worth.
         */
        public void flush() {
            writeRows();
            if (rollups != null) {
                rollups.flush();
            }
        }

        private CaseRows rowsOf(String caseId) {
            CaseRows rows = cases.get(caseId);
            if (rows == null) {
                if (copier != null) {
                    rows = new CaseRows(caseId, true);
                    cases.put(caseId, rows);
                } else {
                    prefetch(List.of(caseId), Set.of());
                    rows = cases.get(caseId);
                }
            }
            return rows;
        }

        /** The case's rows now, after its event {@code sequence}: its timeline and sessions are read first if need be. */
        private void snapshot(CaseRows rows, long sequence) {
            if (!rows.historyComplete) {
                // the rows of the table win over those this run added with the same key, as their writing leaves them
                Map<String, Map<Object, CaseRow>> added = new LinkedHashMap<>();
                for (String table : CaseTables.HISTORY) {
                    added.put(table, new LinkedHashMap<>(rows.addedTo(table)));
                    rows.addedTo(table).clear();
                }
                tables.load(Map.of(rows.caseId, rows), CaseTables.HISTORY);
                added.forEach((table, addedRows) -> addedRows.values().forEach(row -> rows.addIfAbsent(table, row)));
                rows.historyComplete = true;
            }
            rows.snapshots.add(new CaseRows.Snapshot(sequence, tables.snapshotJson(rows)));
        }
    }

    // ---- the events, applied to a case's rows ---------------------------------------------------------

    private void applyToRows(Fold fold, CaseRows rows, DisputeCaseEvent event) {
        CaseRow c = rows.caseRow;
        if (event instanceof CourtReferralReceived e) {
            c.set("court", e.court());
            c.set("court_case_number", e.courtCaseNumber());
            c.set("referral_kind", name(e.referralKind()));
            c.set("court_procedure", name(e.procedure()));
            c.set("referred_on", e.referredOn());
            c.set("referral_regime", name(e.regime()));
        } else if (event instanceof MediatorAssigned e) {
            // the mediator is the responsible lawyer; a reassignment moves the case to the new one
            c.set("stage", CaseStage.IN_MEDIATION.name());
            c.set("mediator_id", e.lawyerId());
            c.set("responsible_lawyer_id", e.lawyerId());
            c.set("mediation_deadline", e.mediationDeadline());
            c.set("mediation_deadline_status", e.mediationDeadline() == null ? null : DeadlineStatus.PENDING.name());
            responsibleLawyer(rows, e.lawyerId());
        } else if (event instanceof MediationSessionHeld e) {
            rows.sessions.putIfAbsent(e.sessionId(), CaseRow.added().with("case_id", e.caseId()).with("session_id", e.sessionId())
                    .with("held_on", e.heldOn()).with("summary", e.summary()));
        } else if (event instanceof MediationExtended e) {
            c.set("mediation_deadline", e.newDeadline());
        } else if (event instanceof MediationAgreementReached e) {
            agreementReached(rows, e);
        } else if (event instanceof MediationFailed e) {
            mediationEnded(c, e.failedOn());
            c.set("stage", CaseStage.MEDIATION_FAILED.name());
            c.set("mediation_failed_on", e.failedOn());
        } else if (event instanceof AwardRecorded e) {
            enforceable(c, e.enforceableFen(), CaseStage.AWARDED);
        } else if (event instanceof WagePaymentRecorded e) {
            paymentRecorded(fold, rows, e);
        } else if (event instanceof AgreementJudiciallyConfirmed e) {
            enforceable(c, e.enforceableFen(), null); // the case stays AGREED: the agreement is now enforceable
            settleDeadline(rows, CONFIRMATION_WINDOW, 0);
        } else if (event instanceof EnforcementTerminated) {
            c.set("stage", CaseStage.ENFORCEMENT_TERMINATED.name());
        } else if (event instanceof CaseClosed e) {
            mediationEnded(c, e.closedOn());
            rows.deadlines.values().stream().filter(d -> DeadlineStatus.PENDING.name().equals(d.text("status")))
                    .forEach(d -> d.set("status", DeadlineStatus.CANCELLED.name()));
            c.set("stage", CaseStage.CLOSED.name());
            c.set("closure_outcome", name(e.outcome()));
            c.set("closed_on", e.closedOn());
        } else if (event instanceof MediationPeriodLapsed) {
            // the command side records the lapse; an agreement dated in time may still follow (LDMAL art. 14)
            c.set("mediation_lapse_recorded", true);
            if (DeadlineStatus.PENDING.name().equals(c.text("mediation_deadline_status"))) {
                c.set("mediation_deadline_status", DeadlineStatus.LAPSED.name());
            }
        } else if (event instanceof ConfirmationWindowLapsed) {
            setDeadline(rows, CONFIRMATION_WINDOW, 0, DeadlineStatus.LAPSED);
        } else if (event instanceof InstalmentOverdue e) {
            setDeadline(rows, INSTALMENT, e.instalmentNumber(), DeadlineStatus.OVERDUE);
        } else if (event instanceof LegalAidApplied e) {
            c.set("legal_aid_applied_on", e.appliedOn());
            c.set("legal_aid_decision_due_on", e.decisionDueOn());
            insertDeadline(rows, LEGAL_AID_DECISION, 0, e.decisionDueOn(), null);
        } else if (event instanceof LegalAidDecisionOverdue) {
            setDeadline(rows, LEGAL_AID_DECISION, 0, DeadlineStatus.OVERDUE);
        } else if (event instanceof LegalAidAssigned e) {
            legalAidAssigned(rows, e);
        } else if (event instanceof LegalAidReassigned e) {
            c.set("legal_aid_lawyer_id", e.lawyerId());
            c.set("responsible_lawyer_id", e.lawyerId());
            c.set("legal_aid_decided_on", e.reassignedOn());
            c.set("legal_aid_auto_assigned", e.autoAssigned());
            responsibleLawyer(rows, e.lawyerId());
        } else if (event instanceof ReliefApplied e) {
            c.set("relief_fund_id", e.fundId());
            c.set("relief_status", "APPLIED");
            c.set("relief_requested_fen", e.requestedFen());
            c.set("relief_amount_fen", null);
            c.set("relief_reason", null);
            c.set("relief_detail", null);
        } else if (event instanceof ReliefApproved e) {
            c.set("relief_status", "RESERVED");
            c.set("relief_amount_fen", e.amountFen());
        } else if (event instanceof ReliefRejected e) {
            c.set("relief_status", "REJECTED");
            c.set("relief_reason", name(e.reason()));
            c.set("relief_detail", e.detail());
        } else if (event instanceof ReliefPaid e) {
            c.set("relief_status", "PAID");
            c.set("relief_amount_fen", e.amountFen());
            c.set("relief_paid_fen", e.amountFen());
        } else if (event instanceof ReliefRecovered e) {
            c.set("relief_repaid_fen", e.repaidFen());
        } else {
            throw new IllegalStateException("no case-file handler for " + event.getClass().getSimpleName());
        }
    }

    private void registered(CaseRows rows, DisputeRegistered e, long sequence) {
        ClaimantRecord claimant = e.claimant();
        CaseAmounts amounts = new CaseAmounts(e.claimedFen(), null, null, 0);
        rows.caseRow = CaseRow.added()
                .with("case_id", e.caseId())
                .with("stage", CaseStage.REGISTERED.name())
                .with("claimant_key", claimant.claimantKey())
                .with("claimant_name", claimant.name())
                .with("id_number_hash", claimant.idNumberHash())
                .with("id_number_cipher", cipher(claimant.idNumber()))
                .with("phone_cipher", cipher(claimant.phone()))
                .with("employment_form", name(claimant.employmentForm()))
                .with("respondents", json(e.respondents()))
                .with("category", name(e.category()))
                .with("channel", name(e.channel()))
                .with("district", e.district())
                .with("facts", e.facts())
                .with("applied_on", e.appliedOn())
                .with("registered_on", e.registeredOn())
                .with("claimed_fen", e.claimedFen())
                .with("outstanding_fen", amounts.outstandingFen())
                .with("version", sequence)
                // the columns with a default in the table, as an INSERT without them would leave them
                .with("recovered_fen", 0L)
                .with("relief_paid_fen", 0L)
                .with("relief_repaid_fen", 0L)
                .with("mediation_lapse_recorded", false)
                .with("personal_data_erased", false);
    }

    /** Every lawyer ever responsible for the case may go on reading it (DOMAIN.md, roles). */
    private static void responsibleLawyer(CaseRows rows, String lawyerId) {
        rows.lawyers.putIfAbsent(lawyerId, CaseRow.added().with("case_id", rows.caseId).with("lawyer_id", lawyerId));
    }

    private void agreementReached(CaseRows rows, MediationAgreementReached e) {
        CaseRow c = rows.caseRow;
        mediationEnded(c, e.effectiveOn());
        CaseAmounts agreed = new CaseAmounts(c.fen("claimed_fen"), e.agreedFen(), c.fen("enforceable_fen"), c.fen("recovered_fen"));
        c.set("stage", CaseStage.AGREED.name());
        c.set("agreed_fen", e.agreedFen());
        c.set("agreement_effective_on", e.effectiveOn());
        c.set("instalments", json(e.instalments()));
        c.set("outstanding_fen", agreed.outstandingFen());
        // CPL arts. 205-206: judicial confirmation is applied for within 30 days of the agreement taking effect
        insertDeadline(rows, CONFIRMATION_WINDOW, 0, e.effectiveOn().plusDays(CONFIRMATION_WINDOW_DAYS), null);
        long dueByThen = 0;
        for (int i = 0; i < e.instalments().size(); i++) {
            Instalment instalment = e.instalments().get(i);
            dueByThen += instalment.amountFen();
            insertDeadline(rows, INSTALMENT, i + 1, instalment.dueOn(), dueByThen);
        }
        meetPaidUp(rows, agreed.recoveredFen(), agreed.outstandingFen());
    }

    /** An enforceable amount becomes what is owed; {@code stage} null keeps the case's stage. */
    private static void enforceable(CaseRow c, long enforceableFen, CaseStage stage) {
        CaseAmounts owed = new CaseAmounts(c.fen("claimed_fen"), c.fen("agreed_fen"), enforceableFen, c.fen("recovered_fen"));
        if (stage != null) {
            c.set("stage", stage.name());
        }
        c.set("enforceable_fen", enforceableFen);
        c.set("outstanding_fen", owed.outstandingFen());
    }

    /**
     * The payment's row and the case's recovered total; nothing when the payment id is already there (the
     * command side makes a repeated payment id a no-op; so do we).
     */
    private static void paymentRecorded(Fold fold, CaseRows rows, WagePaymentRecorded e) {
        if (rows.payments.containsKey(e.paymentId())) {
            return;
        }
        rows.payments.put(e.paymentId(), CaseRow.added().with("case_id", e.caseId()).with("payment_id", e.paymentId())
                .with("amount_fen", e.amountFen()).with("paid_on", e.paidOn()).with("source", name(e.source())));
        CaseRow c = rows.caseRow;
        c.set("recovered_fen", c.fen("recovered_fen") + e.amountFen());
        if (fold.rollups != null) {
            fold.rollups.paid(e.caseId(), e.paidOn(), e.amountFen());
        }
        CaseAmounts after = new CaseAmounts(c.fen("claimed_fen"), c.fen("agreed_fen"), c.fen("enforceable_fen"), c.fen("recovered_fen"));
        c.set("outstanding_fen", after.outstandingFen());
        meetPaidUp(rows, after.recoveredFen(), after.outstandingFen());
    }

    /**
     * Instalments paid up by now are met (an overdue one is made good); with nothing outstanding there is
     * nothing left to confirm either.
     */
    private static void meetPaidUp(CaseRows rows, long recoveredFen, long outstandingFen) {
        for (CaseRow deadline : rows.deadlines.values()) {
            Long dueByThen = deadline.fen("due_by_then_fen");
            String status = deadline.text("status");
            if (!INSTALMENT.equals(deadline.text("kind")) || dueByThen == null || dueByThen > recoveredFen) {
                continue;
            }
            if (DeadlineStatus.PENDING.name().equals(status)) {
                deadline.set("status", DeadlineStatus.MET.name());
                deadline.set("resolved", false);
            } else if (DeadlineStatus.OVERDUE.name().equals(status) && !deadline.flag("resolved")) {
                deadline.set("resolved", true);
            }
        }
        if (outstandingFen == 0) {
            settleDeadline(rows, CONFIRMATION_WINDOW, 0);
        }
    }

    /**
     * The legal-aid lawyer becomes the responsible lawyer, the mediator is released; a case returned to its
     * court is reopened. The stage follows the command side: legal aid replaces registration, mediation and
     * a failed mediation; an agreement, award or terminated enforcement keeps its stage.
     */
    private static void legalAidAssigned(CaseRows rows, LegalAidAssigned e) {
        CaseRow c = rows.caseRow;
        c.set("legal_aid_lawyer_id", e.lawyerId());
        c.set("responsible_lawyer_id", e.lawyerId());
        c.set("legal_aid_basis", name(e.basis()));
        c.set("legal_aid_decided_on", e.decidedOn());
        c.set("legal_aid_auto_assigned", e.autoAssigned());
        if (e.reopened() || STAGES_LEGAL_AID_REPLACES.contains(c.text("stage"))) {
            c.set("stage", CaseStage.LEGAL_AID.name());
        }
        if (e.reopened()) {
            c.set("closure_outcome", null);
            c.set("closed_on", null);
        }
        responsibleLawyer(rows, e.lawyerId());
        mediationEnded(c, e.decidedOn());
        settleDeadline(rows, LEGAL_AID_DECISION, 0);
    }

    private static final Set<String> STAGES_LEGAL_AID_REPLACES = Set.of(CaseStage.REGISTERED.name(),
            CaseStage.IN_MEDIATION.name(), CaseStage.MEDIATION_FAILED.name());

    /** A deadline the case does not have yet; one it has stays as it is. */
    private static void insertDeadline(CaseRows rows, String kind, int number, LocalDate dueOn, Long dueByThenFen) {
        rows.deadlines.putIfAbsent(CaseRows.deadlineKey(kind, number), CaseRow.added().with("case_id", rows.caseId)
                .with("kind", kind).with("number", number).with("due_on", dueOn).with("due_by_then_fen", dueByThenFen)
                .with("status", DeadlineStatus.PENDING.name()).with("resolved", false));
    }

    /** The command side recorded a lapse or overdue item (of a deadline the view has). */
    private static void setDeadline(CaseRows rows, String kind, int number, DeadlineStatus status) {
        CaseRow deadline = rows.deadlines.get(CaseRows.deadlineKey(kind, number));
        if (deadline != null) {
            deadline.set("status", status.name());
        }
    }

    /** The act a deadline asks for was done: pending becomes met, a lapsed or overdue one is made good. */
    private static void settleDeadline(CaseRows rows, String kind, int number) {
        CaseRow deadline = rows.deadlines.get(CaseRows.deadlineKey(kind, number));
        if (deadline == null) {
            return;
        }
        String status = deadline.text("status");
        if (DeadlineStatus.PENDING.name().equals(status)) {
            deadline.set("status", DeadlineStatus.MET.name());
            deadline.set("resolved", false);
        } else if (DeadlineStatus.LAPSED.name().equals(status) || DeadlineStatus.OVERDUE.name().equals(status)) {
            deadline.set("resolved", true);
        }
    }

    /** Settles a pending mediation period: met if mediation ended on or before its last day. */
    private static void mediationEnded(CaseRow c, LocalDate endedOn) {
        if (DeadlineStatus.PENDING.name().equals(c.text("mediation_deadline_status"))) {
            c.set("mediation_deadline_status", DeadlineStatus.whenMediationEnded(c.date("mediation_deadline"), endedOn).name());
        }
    }

    /** The case's figures as the report sums them. */
    private static ReportRollups.Figures figures(CaseRow c) {
        Long agreed = c.fen("agreed_fen");
        return new ReportRollups.Figures(1, c.fen("claimed_fen"), agreed == null ? 0 : agreed, c.fen("relief_paid_fen"),
                c.fen("outstanding_fen"));
    }

    private String json(Object value) {
        try {
            return eventJson.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String cipher(EncryptedText text) {
        return text == null ? null : text.base64();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}

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
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies dispute-case events to the case-file tables. Runs inside the ingestion transaction, after
 * the sequence check, so every method may assume the case's earlier events are applied.
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
     * replays from the start, until a rebuild has taken new ones.
     */
    static final int FOLD_VERSION = 1;

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

    private static final String TAKE_SNAPSHOT = "INSERT INTO views.case_file_snapshot (case_id, sequence, layout, tables) "
            + "SELECT ?, ?, " + SNAPSHOT_LAYOUT + ", jsonb_build_object("
            + SNAPSHOT_TABLES.stream().map(t -> "'" + t.name() + "', COALESCE((SELECT jsonb_agg(to_jsonb(t) ORDER BY "
                    + t.order() + ") FROM views." + t.name() + " t WHERE t.case_id = ?), '[]'::jsonb)")
            .collect(Collectors.joining(", ")) + ") "
            // a case the view does not hold (only events of unknown types) has nothing to snapshot
            + "WHERE EXISTS (SELECT 1 FROM views.dispute_case WHERE case_id = ?) ON CONFLICT (case_id, sequence) DO NOTHING";

    private final JdbcTemplate jdbc;
    /** whether it takes snapshots and keeps the report's rollups: not into an as-of's throwaway tables */
    private final boolean keepsDerivedRows;
    private final ObjectMapper eventJson = EventJson.newObjectMapper();

    @Autowired
    public CaseFileProjection(JdbcTemplate jdbc) {
        this(jdbc, true);
    }

    private CaseFileProjection(JdbcTemplate jdbc, boolean keepsDerivedRows) {
        this.jdbc = jdbc;
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
     * A run of this fold: an ingestion batch, a chunk of a rebuild, an as-of.
     *
     * @param rollupShard the rollup rows this run adds to (ReportRollups.Run): the partition of an ingestion
     *                    batch, {@code rebuild} for a rebuild
     */
    public Fold newFold(String rollupShard) {
        return new Fold(keepsDerivedRows ? new ReportRollups.Run(jdbc, rollupShard) : null);
    }

    /**
     * One run of the fold. What nothing in the fold reads back (timeline rows, sessions, the case's version
     * and outstanding amount) is kept here and written set-wise by {@link #flush()}, which the driver calls
     * before it commits or reads the tables; the cases known to be in the view are remembered, so that each
     * is looked up once.
     * Not shared between threads.
     */
    public final class Fold {

        private final List<Object[]> timelineRows = new ArrayList<>();
        private final List<Object[]> sessionRows = new ArrayList<>();
        private final Map<String, Long> versions = new LinkedHashMap<>();
        /** a case's outstanding amount after its latest event of this run that moved it, not written yet */
        private final Map<String, Long> outstanding = new HashMap<>();
        private final Set<String> casesInView = new HashSet<>();
        /** null when the fold keeps no rollups */
        private final ReportRollups.Run rollups;

        private Fold(ReportRollups.Run rollups) {
            this.rollups = rollups;
        }

        /**
         * @throws ProjectionRefused before changing anything, when the event concerns a case the view
         *                           does not hold (its registration was never applied)
         */
        public void apply(DisputeCaseEvent event, PublishedEvent envelope) {
            if (!(event instanceof DisputeRegistered) && !casesInView.contains(event.caseId())) {
                ReportRollups.Figures figures = figures(event.caseId()).orElseThrow(() -> new ProjectionRefused(
                        "case " + event.caseId() + " is not in the view; " + event.getClass().getSimpleName()
                                + " cannot be applied before its registration"));
                if (rollups != null) {
                    rollups.touched(event.caseId(), figures);
                }
                casesInView.add(event.caseId());
            }
            applyToTables(this, event, envelope);
            if (event instanceof DisputeRegistered) {
                casesInView.add(event.caseId());
                if (rollups != null) {
                    rollups.registered(event.caseId());
                }
            }
            recordInTimeline(envelope);
        }

        /** Every event of a case, known or not, appears in its timeline and moves its version. */
        public void recordInTimeline(PublishedEvent envelope) {
            if (envelope.occurredAt() == null) {
                // EventIngestion refuses such an event before any projection runs (the case is held with the
                // reason "has no occurredAt"), so this is a backstop: never write NULL into the NOT NULL
                // occurred_at, and never invent a time. Thrown after other changes of this event, so it must
                // not be ProjectionRefused (which is handled inside the transaction): this exception rolls the
                // whole event back and the consumer holds the case as a permanent failure.
                throw new IllegalArgumentException("event " + envelope.eventId() + " has no occurredAt");
            }
            EventMetadata metadata = envelope.metadata();
            timelineRows.add(new Object[]{envelope.aggregateId(), envelope.sequence(), envelope.type(),
                    Timestamp.from(envelope.occurredAt()),
                    metadata == null ? null : metadata.actorId(),
                    metadata == null ? null : metadata.actorRole()});
            versions.merge(envelope.aggregateId(), envelope.sequence(), Math::max);
            if (keepsDerivedRows && envelope.sequence() > 0 && envelope.sequence() % SNAPSHOT_EVERY == 0) {
                writeKeptBack(); // a snapshot copies the case's rows as they are after this event
                snapshot(envelope.aggregateId(), envelope.sequence());
            }
        }

        /**
         * Writes what this run kept back, then adds its changes to the report's rollups: the driver calls it
         * once, before it commits (or reads the tables). Everything the run holds is let go, so that a long
         * run (a rebuild) holds one chunk's worth.
         */
        public void flush() {
            writeKeptBack();
            if (rollups != null) {
                rollups.flush();
            }
        }

        /**
         * The timeline and session rows in one batch each, the versions and outstanding amounts in one
         * statement. The cases known to be in the view are forgotten (their figures before the run stay with
         * the rollups until {@link #flush()}).
         */
        private void writeKeptBack() {
            casesInView.clear();
            if (!timelineRows.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO views.case_timeline (case_id, sequence, event_type, occurred_at, actor_id, actor_role) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, sequence) DO NOTHING", timelineRows);
                timelineRows.clear();
            }
            if (!sessionRows.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO views.case_session (case_id, session_id, held_on, summary) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (case_id, session_id) DO NOTHING", sessionRows);
                sessionRows.clear();
            }
            if (!versions.isEmpty()) {
                // every case with a pending outstanding amount has a pending version: the event that moved it
                String[] cases = versions.keySet().toArray(String[]::new);
                Long[] outstandingByCase = versions.keySet().stream().map(outstanding::get).toArray(Long[]::new);
                jdbc.update("UPDATE views.dispute_case c SET version = v.version, "
                                + "outstanding_fen = COALESCE(v.outstanding, c.outstanding_fen) "
                                + "FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS v(case_id, version, outstanding) "
                                + "WHERE c.case_id = v.case_id",
                        cases, versions.values().toArray(Long[]::new), outstandingByCase);
                versions.clear();
                outstanding.clear();
            }
        }

    }

    private void applyToTables(Fold fold, DisputeCaseEvent event, PublishedEvent envelope) {
        if (event instanceof DisputeRegistered e) {
            registered(e, envelope.sequence());
        } else if (event instanceof CourtReferralReceived e) {
            referred(e);
        } else if (event instanceof MediatorAssigned e) {
            mediatorAssigned(e);
        } else if (event instanceof MediationSessionHeld e) {
            // nothing in the fold reads sessions: written with the run's flush
            fold.sessionRows.add(new Object[]{e.caseId(), e.sessionId(), date(e.heldOn()), e.summary()});
        } else if (event instanceof MediationExtended e) {
            jdbc.update("UPDATE views.dispute_case SET mediation_deadline = ? WHERE case_id = ?", date(e.newDeadline()), e.caseId());
        } else if (event instanceof MediationAgreementReached e) {
            agreementReached(fold, e);
        } else if (event instanceof MediationFailed e) {
            mediationEnded(e.caseId(), e.failedOn());
            setStage(e.caseId(), CaseStage.MEDIATION_FAILED);
            jdbc.update("UPDATE views.dispute_case SET mediation_failed_on = ? WHERE case_id = ?", date(e.failedOn()), e.caseId());
        } else if (event instanceof AwardRecorded e) {
            awardRecorded(fold, e);
        } else if (event instanceof WagePaymentRecorded e) {
            paymentRecorded(fold, e);
        } else if (event instanceof AgreementJudiciallyConfirmed e) {
            enforceable(fold, e.caseId(), e.enforceableFen(), null); // the case stays AGREED: the agreement is now enforceable
            settleDeadline(e.caseId(), CONFIRMATION_WINDOW, 0);
        } else if (event instanceof EnforcementTerminated e) {
            setStage(e.caseId(), CaseStage.ENFORCEMENT_TERMINATED);
        } else if (event instanceof CaseClosed e) {
            closed(e);
        } else if (event instanceof MediationPeriodLapsed e) {
            // the command side records the lapse; an agreement dated in time may still follow (LDMAL art. 14)
            jdbc.update("UPDATE views.dispute_case SET mediation_lapse_recorded = true, mediation_deadline_status = "
                    + "CASE WHEN mediation_deadline_status = 'PENDING' THEN 'LAPSED' ELSE mediation_deadline_status END "
                    + "WHERE case_id = ?", e.caseId());
        } else if (event instanceof ConfirmationWindowLapsed e) {
            setDeadline(e.caseId(), CONFIRMATION_WINDOW, 0, DeadlineStatus.LAPSED);
        } else if (event instanceof InstalmentOverdue e) {
            setDeadline(e.caseId(), INSTALMENT, e.instalmentNumber(), DeadlineStatus.OVERDUE);
        } else if (event instanceof LegalAidApplied e) {
            legalAidApplied(e);
        } else if (event instanceof LegalAidDecisionOverdue e) {
            setDeadline(e.caseId(), LEGAL_AID_DECISION, 0, DeadlineStatus.OVERDUE);
        } else if (event instanceof LegalAidAssigned e) {
            legalAidAssigned(e);
        } else if (event instanceof LegalAidReassigned e) {
            jdbc.update("UPDATE views.dispute_case SET legal_aid_lawyer_id = ?, responsible_lawyer_id = ?, legal_aid_decided_on = ?, "
                    + "legal_aid_auto_assigned = ? WHERE case_id = ?", e.lawyerId(), e.lawyerId(), date(e.reassignedOn()),
                    e.autoAssigned(), e.caseId());
            responsibleLawyer(e.caseId(), e.lawyerId());
        } else if (event instanceof ReliefApplied e) {
            jdbc.update("UPDATE views.dispute_case SET relief_fund_id = ?, relief_status = 'APPLIED', relief_requested_fen = ?, "
                    + "relief_amount_fen = NULL, relief_reason = NULL, relief_detail = NULL WHERE case_id = ?",
                    e.fundId(), e.requestedFen(), e.caseId());
        } else if (event instanceof ReliefApproved e) {
            jdbc.update("UPDATE views.dispute_case SET relief_status = 'RESERVED', relief_amount_fen = ? WHERE case_id = ?",
                    e.amountFen(), e.caseId());
        } else if (event instanceof ReliefRejected e) {
            jdbc.update("UPDATE views.dispute_case SET relief_status = 'REJECTED', relief_reason = ?, relief_detail = ? WHERE case_id = ?",
                    name(e.reason()), e.detail(), e.caseId());
        } else if (event instanceof ReliefPaid e) {
            jdbc.update("UPDATE views.dispute_case SET relief_status = 'PAID', relief_amount_fen = ?, relief_paid_fen = ? WHERE case_id = ?",
                    e.amountFen(), e.amountFen(), e.caseId());
        } else if (event instanceof ReliefRecovered e) {
            jdbc.update("UPDATE views.dispute_case SET relief_repaid_fen = ? WHERE case_id = ?", e.repaidFen(), e.caseId());
        } else {
            throw new IllegalStateException("no case-file handler for " + event.getClass().getSimpleName());
        }
    }

    /** The case's rows as they are now, after its event {@code sequence}, in one statement. */
    private void snapshot(String caseId, long sequence) {
        List<Object> args = new ArrayList<>(List.of(caseId, sequence));
        SNAPSHOT_TABLES.forEach(table -> args.add(caseId));
        args.add(caseId);
        jdbc.update(TAKE_SNAPSHOT, args.toArray());
    }

    private void registered(DisputeRegistered e, long sequence) {
        ClaimantRecord claimant = e.claimant();
        CaseAmounts amounts = new CaseAmounts(e.claimedFen(), null, null, 0);
        jdbc.update("INSERT INTO views.dispute_case (case_id, stage, claimant_key, claimant_name, id_number_hash, "
                        + "id_number_cipher, phone_cipher, employment_form, respondents, category, channel, district, facts, "
                        + "applied_on, registered_on, claimed_fen, outstanding_fen, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.caseId(), CaseStage.REGISTERED.name(), claimant.claimantKey(), claimant.name(), claimant.idNumberHash(),
                cipher(claimant.idNumber()), cipher(claimant.phone()), name(claimant.employmentForm()),
                json(e.respondents()), name(e.category()), name(e.channel()), e.district(), e.facts(),
                date(e.appliedOn()), date(e.registeredOn()), e.claimedFen(), amounts.outstandingFen(), sequence);
    }

    private void referred(CourtReferralReceived e) {
        jdbc.update("UPDATE views.dispute_case SET court = ?, court_case_number = ?, referral_kind = ?, court_procedure = ?, "
                        + "referred_on = ?, referral_regime = ? WHERE case_id = ?",
                e.court(), e.courtCaseNumber(), name(e.referralKind()), name(e.procedure()), date(e.referredOn()),
                name(e.regime()), e.caseId());
    }

    private void mediatorAssigned(MediatorAssigned e) {
        // the mediator is the responsible lawyer; a reassignment moves the case to the new one
        jdbc.update("UPDATE views.dispute_case SET stage = ?, mediator_id = ?, responsible_lawyer_id = ?, "
                        + "mediation_deadline = ?, mediation_deadline_status = ? WHERE case_id = ?",
                CaseStage.IN_MEDIATION.name(), e.lawyerId(), e.lawyerId(), date(e.mediationDeadline()),
                e.mediationDeadline() == null ? null : DeadlineStatus.PENDING.name(), e.caseId());
        responsibleLawyer(e.caseId(), e.lawyerId());
    }

    /** Every lawyer ever responsible for the case may go on reading it (DOMAIN.md, roles). */
    private void responsibleLawyer(String caseId, String lawyerId) {
        jdbc.update("INSERT INTO views.case_lawyer (case_id, lawyer_id) VALUES (?, ?) ON CONFLICT DO NOTHING", caseId, lawyerId);
    }

    private void agreementReached(Fold fold, MediationAgreementReached e) {
        mediationEnded(e.caseId(), e.effectiveOn());
        CaseAmounts amounts = amounts(e.caseId());
        CaseAmounts agreed = new CaseAmounts(amounts.claimedFen(), e.agreedFen(), amounts.enforceableFen(), amounts.recoveredFen());
        jdbc.update("UPDATE views.dispute_case SET stage = ?, agreed_fen = ?, agreement_effective_on = ?, "
                        + "instalments = ?::jsonb WHERE case_id = ?",
                CaseStage.AGREED.name(), e.agreedFen(), date(e.effectiveOn()), json(e.instalments()), e.caseId());
        fold.outstanding.put(e.caseId(), agreed.outstandingFen());
        // CPL arts. 205-206: judicial confirmation is applied for within 30 days of the agreement taking effect
        insertDeadline(e.caseId(), CONFIRMATION_WINDOW, 0, e.effectiveOn().plusDays(CONFIRMATION_WINDOW_DAYS), null);
        long dueByThen = 0;
        for (int i = 0; i < e.instalments().size(); i++) {
            Instalment instalment = e.instalments().get(i);
            dueByThen += instalment.amountFen();
            insertDeadline(e.caseId(), INSTALMENT, i + 1, instalment.dueOn(), dueByThen);
        }
        meetPaidUp(e.caseId(), agreed.recoveredFen(), agreed.outstandingFen());
    }

    private void awardRecorded(Fold fold, AwardRecorded e) {
        enforceable(fold, e.caseId(), e.enforceableFen(), CaseStage.AWARDED);
    }

    /** An enforceable amount becomes what is owed; {@code stage} null keeps the case's stage. */
    private void enforceable(Fold fold, String caseId, long enforceableFen, CaseStage stage) {
        CaseAmounts amounts = amounts(caseId);
        CaseAmounts owed = new CaseAmounts(amounts.claimedFen(), amounts.agreedFen(), enforceableFen, amounts.recoveredFen());
        jdbc.update("UPDATE views.dispute_case SET stage = COALESCE(?, stage), enforceable_fen = ? WHERE case_id = ?",
                stage == null ? null : stage.name(), enforceableFen, caseId);
        fold.outstanding.put(caseId, owed.outstandingFen());
    }

    /**
     * The payment's row and the case's recovered total in one statement (nothing when the payment id was
     * already there: the command side makes a repeated payment id a no-op; so do we). The outstanding
     * amount follows from the case's figures (CaseAmounts) and is written with the run's flush.
     */
    private void paymentRecorded(Fold fold, WagePaymentRecorded e) {
        List<CaseAmounts> paid = jdbc.query("WITH inserted AS (INSERT INTO views.case_payment (case_id, payment_id, amount_fen, "
                        + "paid_on, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, payment_id) DO NOTHING RETURNING case_id, amount_fen) "
                        + "UPDATE views.dispute_case c SET recovered_fen = c.recovered_fen + i.amount_fen FROM inserted i "
                        + "WHERE c.case_id = i.case_id RETURNING c.claimed_fen, c.agreed_fen, c.enforceable_fen, c.recovered_fen",
                (rs, row) -> new CaseAmounts(rs.getLong("claimed_fen"), rs.getObject("agreed_fen", Long.class),
                        rs.getObject("enforceable_fen", Long.class), rs.getLong("recovered_fen")),
                e.caseId(), e.paymentId(), e.amountFen(), date(e.paidOn()), name(e.source()));
        if (paid.isEmpty()) {
            return;
        }
        if (fold.rollups != null) {
            fold.rollups.paid(e.caseId(), e.paidOn(), e.amountFen());
        }
        CaseAmounts after = paid.get(0);
        fold.outstanding.put(e.caseId(), after.outstandingFen());
        meetPaidUp(e.caseId(), after.recoveredFen(), after.outstandingFen());
    }

    /**
     * Instalments paid up by now are met (an overdue one is made good); with nothing outstanding there is
     * nothing left to confirm either.
     */
    private void meetPaidUp(String caseId, long recoveredFen, long outstandingFen) {
        jdbc.update("UPDATE views.case_deadline SET status = CASE WHEN status = 'PENDING' THEN 'MET' ELSE status END, "
                + "resolved = (status = 'OVERDUE') WHERE case_id = ? AND kind = ? AND due_by_then_fen <= ? "
                + "AND (status = 'PENDING' OR (status = 'OVERDUE' AND NOT resolved))", caseId, INSTALMENT, recoveredFen);
        if (outstandingFen == 0) {
            settleDeadline(caseId, CONFIRMATION_WINDOW, 0);
        }
    }

    private void legalAidApplied(LegalAidApplied e) {
        jdbc.update("UPDATE views.dispute_case SET legal_aid_applied_on = ?, legal_aid_decision_due_on = ? WHERE case_id = ?",
                date(e.appliedOn()), date(e.decisionDueOn()), e.caseId());
        insertDeadline(e.caseId(), LEGAL_AID_DECISION, 0, e.decisionDueOn(), null);
    }

    /**
     * The legal-aid lawyer becomes the responsible lawyer, the mediator is released; a case returned to its
     * court is reopened. The stage follows the command side: legal aid replaces registration, mediation and
     * a failed mediation; an agreement, award or terminated enforcement keeps its stage.
     */
    private void legalAidAssigned(LegalAidAssigned e) {
        jdbc.update("UPDATE views.dispute_case SET legal_aid_lawyer_id = ?, responsible_lawyer_id = ?, legal_aid_basis = ?, "
                        + "legal_aid_decided_on = ?, legal_aid_auto_assigned = ?, "
                        + "stage = CASE WHEN ? OR stage IN ('REGISTERED', 'IN_MEDIATION', 'MEDIATION_FAILED') THEN 'LEGAL_AID' ELSE stage END, "
                        + "closure_outcome = CASE WHEN ? THEN NULL ELSE closure_outcome END, "
                        + "closed_on = CASE WHEN ? THEN NULL ELSE closed_on END WHERE case_id = ?",
                e.lawyerId(), e.lawyerId(), name(e.basis()), date(e.decidedOn()), e.autoAssigned(),
                e.reopened(), e.reopened(), e.reopened(), e.caseId());
        responsibleLawyer(e.caseId(), e.lawyerId());
        mediationEnded(e.caseId(), e.decidedOn());
        settleDeadline(e.caseId(), LEGAL_AID_DECISION, 0);
    }

    private void insertDeadline(String caseId, String kind, int number, LocalDate dueOn, Long dueByThenFen) {
        jdbc.update("INSERT INTO views.case_deadline (case_id, kind, number, due_on, due_by_then_fen, status) "
                        + "VALUES (?, ?, ?, ?, ?, 'PENDING') ON CONFLICT (case_id, kind, number) DO NOTHING",
                caseId, kind, number, date(dueOn), dueByThenFen);
    }

    /** The command side recorded a lapse or overdue item. */
    private void setDeadline(String caseId, String kind, int number, DeadlineStatus status) {
        jdbc.update("UPDATE views.case_deadline SET status = ? WHERE case_id = ? AND kind = ? AND number = ?",
                status.name(), caseId, kind, number);
    }

    /** The act a deadline asks for was done: pending becomes met, a lapsed or overdue one is made good. */
    private void settleDeadline(String caseId, String kind, int number) {
        jdbc.update("UPDATE views.case_deadline SET resolved = status IN ('LAPSED', 'OVERDUE'), "
                + "status = CASE WHEN status = 'PENDING' THEN 'MET' ELSE status END "
                + "WHERE case_id = ? AND kind = ? AND number = ? AND status <> 'MET' AND status <> 'CANCELLED'", caseId, kind, number);
    }

    private void closed(CaseClosed e) {
        mediationEnded(e.caseId(), e.closedOn());
        jdbc.update("UPDATE views.case_deadline SET status = 'CANCELLED' WHERE case_id = ? AND status = 'PENDING'", e.caseId());
        jdbc.update("UPDATE views.dispute_case SET stage = ?, closure_outcome = ?, closed_on = ? WHERE case_id = ?",
                CaseStage.CLOSED.name(), name(e.outcome()), date(e.closedOn()), e.caseId());
    }

    /** Settles a pending mediation period: met if mediation ended on or before its last day. */
    private void mediationEnded(String caseId, LocalDate endedOn) {
        LocalDate dueOn;
        try {
            dueOn = jdbc.queryForObject("SELECT mediation_deadline FROM views.dispute_case "
                    + "WHERE case_id = ? AND mediation_deadline_status = 'PENDING'", LocalDate.class, caseId);
        } catch (EmptyResultDataAccessException noPendingDeadline) {
            return;
        }
        jdbc.update("UPDATE views.dispute_case SET mediation_deadline_status = ? WHERE case_id = ?",
                DeadlineStatus.whenMediationEnded(dueOn, endedOn).name(), caseId);
    }

    /** The case's figures as the report sums them; empty when the view does not hold the case. */
    private Optional<ReportRollups.Figures> figures(String caseId) {
        return jdbc.query("SELECT " + ReportRollups.FIGURE_COLUMNS + " FROM views.dispute_case WHERE case_id = ?",
                (rs, row) -> ReportRollups.Figures.of(rs), caseId).stream().findFirst();
    }

    private void setStage(String caseId, CaseStage stage) {
        jdbc.update("UPDATE views.dispute_case SET stage = ? WHERE case_id = ?", stage.name(), caseId);
    }

    private CaseAmounts amounts(String caseId) {
        return jdbc.queryForObject("SELECT claimed_fen, agreed_fen, enforceable_fen, recovered_fen FROM views.dispute_case "
                        + "WHERE case_id = ?",
                (rs, row) -> new CaseAmounts(rs.getLong("claimed_fen"), rs.getObject("agreed_fen", Long.class),
                        rs.getObject("enforceable_fen", Long.class), rs.getLong("recovered_fen")),
                caseId);
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

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}

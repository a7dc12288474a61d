package org.mediationledger.query.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.events.common.CaseStage;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.common.ReferralRegime;
import org.mediationledger.events.common.Respondent;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.query.config.BusinessCalendar;
import org.mediationledger.query.security.Reader;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads case files and the case list from the views. */
@Repository
public class CaseFileQueries {

    private static final String MEDIATION_PERIOD = "MEDIATION_PERIOD";
    private static final TypeReference<List<Respondent>> RESPONDENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Instalment>> INSTALMENTS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final ClaimantMasking masking;
    private final BusinessCalendar calendar;
    private final ObjectMapper eventJson = EventJson.newObjectMapper();

    private final TransactionTemplate snapshot;

    public CaseFileQueries(NamedParameterJdbcTemplate jdbc, ClaimantMasking masking, BusinessCalendar calendar,
                           PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.masking = masking;
        this.calendar = calendar;
        // one snapshot for the case row and its lists, so a payment is never shown without its total
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** The claimant of a case as the view stores them: personal data as ciphertext. */
    public record StoredClaimant(String claimantKey, String name, boolean erased, String idNumberCipher, String phoneCipher,
                                 EmploymentForm employmentForm) {
    }

    public Optional<StoredClaimant> storedClaimant(String caseId) {
        return jdbc.query("SELECT claimant_key, claimant_name, personal_data_erased, id_number_cipher, phone_cipher, employment_form "
                        + "FROM views.dispute_case WHERE case_id = :caseId", new MapSqlParameterSource("caseId", caseId),
                (rs, row) -> new StoredClaimant(rs.getString("claimant_key"), rs.getString("claimant_name"),
                        rs.getBoolean("personal_data_erased"), rs.getString("id_number_cipher"), rs.getString("phone_cipher"),
                        enumOf(EmploymentForm.class, rs.getString("employment_form")))).stream().findFirst();
    }

    public Optional<CaseFile> caseFile(String caseId) {
        return snapshot.execute(status -> readCaseFile(caseId));
    }

    /** The case file read in the caller's own transaction (a replay's, for the case as it stood). */
    public Optional<CaseFile> caseFileInCurrentTransaction(String caseId) {
        return readCaseFile(caseId);
    }

    private Optional<CaseFile> readCaseFile(String caseId) {
        MapSqlParameterSource id = new MapSqlParameterSource("caseId", caseId);
        LocalDate today = calendar.today();
        List<CaseFile> found = jdbc.query("SELECT c.*, " + CaseConditions.NEXT_DUE + " AS next_due, "
                        + "s.stalled_expected, s.stalled_received, s.stalled_since, s.stall_reason "
                        + "FROM views.dispute_case c LEFT JOIN views.aggregate_sequence s ON s.aggregate_id = c.case_id "
                        + "WHERE c.case_id = :caseId", id,
                (rs, row) -> caseFile(rs, today, id));
        return found.stream().findFirst();
    }

    /**
     * Whether the reader may read this case (DOMAIN.md, roles): union staff and auditors every case, a
     * lawyer those they are or were responsible for, a court liaison officer their court's referrals.
     */
    public boolean mayRead(Reader reader, String caseId) {
        if (reader.readsEverything()) {
            return true;
        }
        MapSqlParameterSource params = new MapSqlParameterSource("caseId", caseId).addValue("boundTo", reader.boundTo());
        String sql = reader.isLawyer()
                ? "SELECT EXISTS (SELECT 1 FROM views.case_lawyer WHERE case_id = :caseId AND lawyer_id = :boundTo)"
                : reader.isCourtLiaison()
                ? "SELECT EXISTS (SELECT 1 FROM views.dispute_case WHERE case_id = :caseId AND court = :boundTo)"
                : "SELECT false";
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, params, Boolean.class));
    }

    public CasePage caseList(CaseListFilter filter, CaseListOrder order, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("today", calendar.today())
                .addValue("limit", size)
                .addValue("offset", (long) page * size);
        List<String> conditions = new ArrayList<>();
        if (filter.lawyerId() != null) {
            conditions.add("c.responsible_lawyer_id = :lawyerId");
            params.addValue("lawyerId", filter.lawyerId());
        }
        if (filter.readerLawyerId() != null) {
            conditions.add("EXISTS (SELECT 1 FROM views.case_lawyer l WHERE l.case_id = c.case_id AND l.lawyer_id = :readerLawyerId)");
            params.addValue("readerLawyerId", filter.readerLawyerId());
        }
        if (filter.readerCourt() != null) {
            conditions.add("c.court = :readerCourt");
            params.addValue("readerCourt", filter.readerCourt());
        }
        if (filter.stage() != null) {
            conditions.add("c.stage = :stage");
            params.addValue("stage", filter.stage().name());
        }
        if (filter.court() != null) {
            conditions.add("c.court = :court");
            params.addValue("court", filter.court());
        }
        if (filter.district() != null) {
            conditions.add("c.district = :district");
            params.addValue("district", filter.district());
        }
        if (filter.overdue() != null) {
            // a closed case is not overdue, whatever deadline it lapsed before it closed (as the line's flag says)
            String overdue = "COALESCE(" + CaseConditions.OPEN + " AND " + CaseConditions.OVERDUE + ", false)";
            conditions.add(filter.overdue() ? overdue : "NOT " + overdue);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Long total = jdbc.queryForObject("SELECT count(*) FROM views.dispute_case c" + where, params, Long.class);
        List<CaseSummary> items = jdbc.query("SELECT c.case_id, c.stage, c.claimant_name, c.category, c.district, "
                        + "c.claimed_fen, c.recovered_fen, c.outstanding_fen, c.responsible_lawyer_id, c.court, "
                        + CaseConditions.NEXT_DUE + " AS next_due, COALESCE(" + CaseConditions.OPEN + " AND " + CaseConditions.OVERDUE
                        + ", false) AS overdue, c.registered_on FROM views.dispute_case c" + where
                        + " ORDER BY " + order.orderBy + " LIMIT :limit OFFSET :offset", params,
                (rs, row) -> new CaseSummary(rs.getString("case_id"), CaseStage.valueOf(rs.getString("stage")),
                        rs.getString("claimant_name"), DisputeCategory.valueOf(rs.getString("category")),
                        rs.getString("district"), rs.getLong("claimed_fen"), rs.getLong("recovered_fen"),
                        rs.getLong("outstanding_fen"), rs.getString("responsible_lawyer_id"), rs.getString("court"),
                        nextDue(rs), rs.getBoolean("overdue"), localDate(rs, "registered_on")));
        return new CasePage(items, page, size, total == null ? 0 : total);
    }

    private CaseFile caseFile(ResultSet rs, LocalDate today, MapSqlParameterSource id) throws SQLException {
        String caseId = rs.getString("case_id");
        List<CaseFile.Deadline> deadlines = new ArrayList<>();
        LocalDate deadline = localDate(rs, "mediation_deadline");
        if (deadline != null) {
            DeadlineStatus shown = DeadlineStatus.shownOn(DeadlineStatus.valueOf(rs.getString("mediation_deadline_status")),
                    deadline, today);
            // a lapse is made good when mediation ends anyway (a union agreement after the period, legal aid, closure)
            boolean resolved = shown == DeadlineStatus.LAPSED && !CaseStage.IN_MEDIATION.name().equals(rs.getString("stage"));
            deadlines.add(new CaseFile.Deadline(MEDIATION_PERIOD, null, deadline, shown, resolved));
        }
        deadlines.addAll(jdbc.query("SELECT kind, number, due_on, status, resolved FROM views.case_deadline WHERE case_id = :caseId "
                        + "ORDER BY due_on, kind, number", id,
                (d, row) -> new CaseFile.Deadline(d.getString("kind"),
                        "INSTALMENT".equals(d.getString("kind")) ? d.getInt("number") : null,
                        localDate(d, "due_on"),
                        DeadlineStatus.shownOn(DeadlineStatus.valueOf(d.getString("status")), localDate(d, "due_on"), today),
                        d.getBoolean("resolved"))));
        String basis = rs.getString("legal_aid_basis");
        CaseFile.LegalAid legalAid = basis == null && rs.getObject("legal_aid_applied_on") == null ? null : new CaseFile.LegalAid(
                basis, localDate(rs, "legal_aid_applied_on"), localDate(rs, "legal_aid_decision_due_on"),
                localDate(rs, "legal_aid_decided_on"), rs.getObject("legal_aid_auto_assigned", Boolean.class));
        CaseFile.Relief relief = rs.getString("relief_status") == null ? null : new CaseFile.Relief(rs.getString("relief_fund_id"),
                rs.getString("relief_status"), rs.getObject("relief_requested_fen", Long.class),
                rs.getObject("relief_amount_fen", Long.class), rs.getString("relief_reason"), rs.getString("relief_detail"),
                rs.getLong("relief_repaid_fen"));
        CaseFile.CourtReferral referral = rs.getString("court") == null ? null : new CaseFile.CourtReferral(
                rs.getString("court"), rs.getString("court_case_number"),
                enumOf(ReferralKind.class, rs.getString("referral_kind")),
                enumOf(CourtProcedure.class, rs.getString("court_procedure")),
                localDate(rs, "referred_on"),
                enumOf(ReferralRegime.class, rs.getString("referral_regime")));
        Long agreedFen = rs.getObject("agreed_fen", Long.class);
        CaseFile.Agreement agreement = agreedFen == null ? null : new CaseFile.Agreement(agreedFen,
                localDate(rs, "agreement_effective_on"), read(rs.getString("instalments"), INSTALMENTS));
        CaseFile.Closure closure = rs.getString("closure_outcome") == null ? null : new CaseFile.Closure(
                ClosureOutcome.valueOf(rs.getString("closure_outcome")), localDate(rs, "closed_on"));
        Long stalledExpected = rs.getObject("stalled_expected", Long.class);
        CaseFile.ProjectionStall stall = stalledExpected == null ? null : new CaseFile.ProjectionStall(
                stalledExpected, rs.getLong("stalled_received"), instant(rs, "stalled_since"), rs.getString("stall_reason"));
        return new CaseFile(caseId,
                CaseStage.valueOf(rs.getString("stage")),
                masking.claimant(rs.getString("claimant_key"), rs.getString("claimant_name"),
                        rs.getBoolean("personal_data_erased"), rs.getString("id_number_cipher"), rs.getString("phone_cipher"),
                        enumOf(EmploymentForm.class, rs.getString("employment_form"))),
                read(rs.getString("respondents"), RESPONDENTS),
                DisputeCategory.valueOf(rs.getString("category")),
                IntakeChannel.valueOf(rs.getString("channel")),
                rs.getString("district"),
                rs.getString("facts"),
                localDate(rs, "applied_on"),
                localDate(rs, "registered_on"),
                rs.getLong("claimed_fen"),
                agreedFen,
                rs.getObject("enforceable_fen", Long.class),
                rs.getLong("recovered_fen"),
                rs.getLong("outstanding_fen"),
                rs.getLong("relief_paid_fen"),
                rs.getString("mediator_id"),
                rs.getString("legal_aid_lawyer_id"),
                rs.getString("responsible_lawyer_id"),
                legalAid,
                relief,
                referral,
                agreement,
                jdbc.query("SELECT session_id, held_on, summary FROM views.case_session WHERE case_id = :caseId "
                                + "ORDER BY held_on, session_id", id,
                        (s, row) -> new CaseFile.Session(s.getString("session_id"), localDate(s, "held_on"), s.getString("summary"))),
                jdbc.query("SELECT payment_id, amount_fen, paid_on, source FROM views.case_payment WHERE case_id = :caseId "
                                + "ORDER BY paid_on, payment_id", id,
                        (p, row) -> new CaseFile.Payment(p.getString("payment_id"), p.getLong("amount_fen"),
                                localDate(p, "paid_on"), PaymentSource.valueOf(p.getString("source")))),
                deadlines,
                nextDue(rs),
                closure,
                rs.getLong("version"),
                jdbc.query("SELECT sequence, event_type, occurred_at, actor_id, actor_role FROM views.case_timeline "
                                + "WHERE case_id = :caseId ORDER BY sequence", id,
                        (t, row) -> new CaseFile.TimelineEntry(t.getLong("sequence"), t.getString("event_type"),
                                instant(t, "occurred_at"), t.getString("actor_id"), t.getString("actor_role"))),
                stall);
    }

    /** The earliest last day of a deadline still pending (CaseConditions.NEXT_DUE). */
    private static LocalDate nextDue(ResultSet rs) throws SQLException {
        return localDate(rs, "next_due");
    }

    private <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return eventJson.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column in views.dispute_case", e);
        }
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}

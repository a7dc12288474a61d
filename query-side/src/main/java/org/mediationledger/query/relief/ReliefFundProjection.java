package org.mediationledger.query.relief;

import org.mediationledger.events.relieffund.ContributionReceived;
import org.mediationledger.events.relieffund.ReliefFundEstablished;
import org.mediationledger.events.relieffund.ReliefFundEvent;
import org.mediationledger.events.relieffund.ReliefPaidOut;
import org.mediationledger.events.relieffund.ReliefRecoveryReceived;
import org.mediationledger.events.relieffund.ReliefReservationRefused;
import org.mediationledger.events.relieffund.ReliefReservationReleased;
import org.mediationledger.events.relieffund.ReliefReserved;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.casefile.ProjectionRefused;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;

/**
 * The relief-fund ledger (DOMAIN.md, "Relief fund ledger"): totals per fund and one line per movement.
 * Runs inside the ingestion transaction after the sequence check, like the case file.
 */
@Component
public class ReliefFundProjection {

    private final JdbcTemplate jdbc;

    public ReliefFundProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(ReliefFundEvent event, PublishedEvent envelope) {
        if (event instanceof ReliefFundEstablished e) {
            jdbc.update("INSERT INTO views.relief_fund (fund_id, name, per_worker_cap_fen, established_on) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (fund_id) DO NOTHING", e.fundId(), e.name(), e.perWorkerCapFen(), date(e.establishedOn()));
            return;
        }
        if (!exists(event.fundId())) {
            throw new ProjectionRefused("fund " + event.fundId() + " is not in the view; "
                    + event.getClass().getSimpleName() + " cannot be applied before its establishment");
        }
        long sequence = envelope.sequence();
        if (event instanceof ContributionReceived e) {
            totals(e.fundId(), "contributed_fen = contributed_fen + ?", e.amountFen());
            entry(e.fundId(), sequence, "CONTRIBUTION", null, e.contributionId(), e.contributor(), e.amountFen(), e.receivedOn(), null);
        } else if (event instanceof ReliefReserved e) {
            totals(e.fundId(), "reserved_fen = reserved_fen + ?", e.amountFen());
            entry(e.fundId(), sequence, "RESERVATION", e.caseId(), null, null, e.amountFen(), null, null);
        } else if (event instanceof ReliefReservationRefused e) {
            entry(e.fundId(), sequence, "RESERVATION_REFUSED", e.caseId(), null, null, null, null, e.reason().name() + ": " + e.detail());
        } else if (event instanceof ReliefReservationReleased e) {
            totals(e.fundId(), "reserved_fen = reserved_fen - ?", e.amountFen());
            entry(e.fundId(), sequence, "RELEASE", e.caseId(), null, null, e.amountFen(), null, e.reason());
        } else if (event instanceof ReliefPaidOut e) {
            jdbc.update("UPDATE views.relief_fund SET reserved_fen = reserved_fen - ?, paid_fen = paid_fen + ? WHERE fund_id = ?",
                    e.amountFen(), e.amountFen(), e.fundId());
            entry(e.fundId(), sequence, "PAYOUT", e.caseId(), null, null, e.amountFen(), e.paidOn(), null);
        } else if (event instanceof ReliefRecoveryReceived e) {
            totals(e.fundId(), "recovered_fen = recovered_fen + ?", e.amountFen());
            entry(e.fundId(), sequence, "RECOVERY", e.caseId(), null, null, e.amountFen(), e.recoveredOn(), null);
        } else {
            throw new IllegalStateException("no ledger handler for " + event.getClass().getSimpleName());
        }
    }

    private void totals(String fundId, String assignment, long amountFen) {
        jdbc.update("UPDATE views.relief_fund SET " + assignment + " WHERE fund_id = ?", amountFen, fundId);
    }

    private void entry(String fundId, long sequence, String kind, String caseId, String contributionId, String contributor,
                       Long amountFen, LocalDate on, String reason) {
        jdbc.update("INSERT INTO views.relief_fund_entry (fund_id, sequence, kind, case_id, contribution_id, contributor, "
                        + "amount_fen, on_date, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fund_id, sequence) DO NOTHING",
                fundId, sequence, kind, caseId, contributionId, contributor, amountFen, date(on), reason);
    }

    private boolean exists(String fundId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM views.relief_fund WHERE fund_id = ?)", Boolean.class, fundId));
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}

package org.mediationledger.query.caseload;

import org.mediationledger.query.security.Reader;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * What became of each court's referrals (DOMAIN.md, "Caseload ... per court, referrals pending and their
 * outcomes"), {@code GET /api/caseload/courts}. Union staff and auditors see every court; a court liaison
 * officer sees only the court their account is bound to (the demo accounts {@code court1}, {@code court2}
 * are bound to the court code of the same name); lawyers get 403.
 */
@RestController
public class CourtReferralsController {

    private final NamedParameterJdbcTemplate jdbc;

    public CourtReferralsController(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per court: {@code referrals} received; {@code pending} still open without an agreement or failure;
     * {@code agreed} that reached a mediation agreement; {@code failed} whose mediation failed;
     * {@code lapsed} whose mediation period ended without agreement or failure in time; {@code returnedToCourt}
     * closed as RETURNED_TO_COURT; {@code closedOtherwise} closed with another outcome; {@code agreedFen} and
     * {@code recoveredFen} summed over the court's referrals. A case counts in every line that is true of it.
     */
    public record CourtReferrals(String court, long referrals, long pending, long agreed, long failed, long lapsed,
                                 long returnedToCourt, long closedOtherwise, long agreedFen, long recoveredFen) {
    }

    @GetMapping("/api/caseload/courts")
    public Map<String, List<CourtReferrals>> courts(Authentication who) {
        Reader reader = Reader.of(who);
        MapSqlParameterSource params = new MapSqlParameterSource("court", reader.isCourtLiaison() ? reader.boundTo() : null);
        return Map.of("courts", jdbc.query("SELECT c.court, count(*) AS referrals, "
                        + "count(*) FILTER (WHERE c.stage IN ('REGISTERED', 'IN_MEDIATION')) AS pending, "
                        + "count(*) FILTER (WHERE c.agreed_fen IS NOT NULL) AS agreed, "
                        + "count(*) FILTER (WHERE c.mediation_failed_on IS NOT NULL) AS failed, "
                        + "count(*) FILTER (WHERE c.mediation_deadline_status = 'LAPSED' OR c.mediation_lapse_recorded) AS lapsed, "
                        + "count(*) FILTER (WHERE c.closure_outcome = 'RETURNED_TO_COURT') AS returned_to_court, "
                        + "count(*) FILTER (WHERE c.closure_outcome IS NOT NULL AND c.closure_outcome <> 'RETURNED_TO_COURT') AS closed_otherwise, "
                        + "COALESCE(sum(c.agreed_fen), 0) AS agreed_fen, COALESCE(sum(c.recovered_fen), 0) AS recovered_fen "
                        + "FROM views.dispute_case c WHERE c.court IS NOT NULL AND (CAST(:court AS text) IS NULL OR c.court = :court) "
                        + "GROUP BY c.court ORDER BY c.court", params,
                (rs, row) -> new CourtReferrals(rs.getString("court"), rs.getLong("referrals"), rs.getLong("pending"),
                        rs.getLong("agreed"), rs.getLong("failed"), rs.getLong("lapsed"), rs.getLong("returned_to_court"),
                        rs.getLong("closed_otherwise"), rs.getLong("agreed_fen"), rs.getLong("recovered_fen"))));
    }
}

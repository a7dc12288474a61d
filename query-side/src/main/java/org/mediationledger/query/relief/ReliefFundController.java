package org.mediationledger.query.relief;

import org.mediationledger.query.ingest.AggregateCatchUp;
import org.mediationledger.query.web.NotFound;
import org.mediationledger.query.web.RequestParameters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Relief-fund ledgers (DOMAIN.md, "Relief fund ledger"). Union staff and auditors read them; lawyers and
 * court liaison officers get 403 (SecurityConfiguration). A fund id is a UUID: anything else is 400.
 */
@RestController
@RequestMapping("/api/relief-funds")
public class ReliefFundController {

    private final JdbcTemplate jdbc;
    private final AggregateCatchUp catchUp;

    public ReliefFundController(JdbcTemplate jdbc, AggregateCatchUp catchUp) {
        this.jdbc = jdbc;
        this.catchUp = catchUp;
    }

    @GetMapping
    public Map<String, List<ReliefFundLedger>> funds() {
        return Map.of("funds", jdbc.query("SELECT * FROM views.relief_fund ORDER BY established_on, fund_id",
                (rs, row) -> ledger(rs, List.of())));
    }

    /** {@code minVersion}: the fund version a command just answered, waited for as a case's is (docs/read-your-writes.md). */
    @GetMapping("/{fundId}")
    public ReliefFundLedger fund(@PathVariable UUID fundId, @RequestParam(required = false) String minVersion) {
        String id = fundId.toString();
        Long wanted = RequestParameters.version("minVersion", minVersion);
        if (wanted != null) {
            catchUp.awaitVersion("relief fund", id, wanted, "minVersion");
        }
        return catchUp.decide("relief fund", id, () -> ledger(id));
    }

    private ReliefFundLedger ledger(String id) {
        List<ReliefFundLedger.Entry> entries = jdbc.query("SELECT * FROM views.relief_fund_entry WHERE fund_id = ? ORDER BY sequence",
                (rs, row) -> new ReliefFundLedger.Entry(rs.getLong("sequence"), rs.getString("kind"), rs.getString("case_id"),
                        rs.getString("contribution_id"), rs.getString("contributor"), rs.getObject("amount_fen", Long.class),
                        rs.getObject("on_date", LocalDate.class), rs.getString("reason")), id);
        return jdbc.query("SELECT * FROM views.relief_fund WHERE fund_id = ?", (rs, row) -> ledger(rs, entries), id)
                .stream().findFirst()
                .orElseThrow(() -> new NotFound("no relief fund with id " + id));
    }

    private static ReliefFundLedger ledger(ResultSet rs, List<ReliefFundLedger.Entry> entries) throws SQLException {
        long contributed = rs.getLong("contributed_fen");
        long reserved = rs.getLong("reserved_fen");
        long paid = rs.getLong("paid_fen");
        long recovered = rs.getLong("recovered_fen");
        long balance = contributed - paid + recovered;
        return new ReliefFundLedger(rs.getString("fund_id"), rs.getString("name"), rs.getLong("per_worker_cap_fen"),
                rs.getObject("established_on", LocalDate.class), contributed, reserved, paid, recovered, balance,
                balance - reserved, entries);
    }
}

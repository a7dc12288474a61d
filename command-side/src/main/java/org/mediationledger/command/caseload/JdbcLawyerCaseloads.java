package org.mediationledger.command.caseload;

import org.mediationledger.command.disputecase.LawyerCaseloads;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads a lawyer's standing and locks their row until the command's transaction ends. */
@Component
public class JdbcLawyerCaseloads implements LawyerCaseloads {

    private final JdbcTemplate jdbc;

    public JdbcLawyerCaseloads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<LawyerStanding> standingForAssignment(String lawyerId) {
        return jdbc.query("SELECT max_active_cases, active_cases FROM lawyer_caseload WHERE lawyer_id = ? FOR UPDATE",
                rs -> rs.next() ? Optional.of(new LawyerStanding(lawyerId, rs.getInt(1), rs.getInt(2))) : Optional.empty(),
                lawyerId);
    }

    /**
     * Locks the chosen row: a concurrent assignment waits for it, and PostgreSQL then checks the row
     * against the limit again, skipping it if it filled up meanwhile, so nobody is pushed past their limit.
     */
    @Override
    public Optional<LawyerStanding> lowestCaseloadUnderLimit(String excludedLawyerId) {
        return jdbc.query("SELECT lawyer_id, max_active_cases, active_cases FROM lawyer_caseload "
                        + "WHERE active_cases < max_active_cases AND lawyer_id IS DISTINCT FROM ? "
                        // byte order for ties, whatever the database's collation (the console lists lawyers the same way)
                        + "ORDER BY active_cases, lawyer_id COLLATE \"C\" LIMIT 1 FOR UPDATE",
                rs -> rs.next() ? Optional.of(new LawyerStanding(rs.getString(1), rs.getInt(2), rs.getInt(3))) : Optional.empty(),
                excludedLawyerId);
    }
}

package org.mediationledger.query.casefile;

import org.mediationledger.query.security.Reader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

/**
 * The record of unmasked reads of personal data (DOMAIN.md, "Personal data"): who read which worker's ID
 * number and phone, on which case, when. Append-only (a trigger refuses changes); it holds no personal
 * data itself.
 */
@Repository
public class PersonalDataReads {

    private final JdbcTemplate jdbc;

    public PersonalDataReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Read(Instant readAt, String readerId, String readerRole, String caseId, String requestId) {
    }

    public void record(Reader reader, String caseId, String claimantKey, String requestId) {
        jdbc.update("INSERT INTO access_log.personal_data_read (reader_id, reader_role, case_id, claimant_key, request_id) "
                + "VALUES (?, ?, ?, ?, ?)", reader.name(), reader.role().name(), caseId, claimantKey, requestId);
    }

    public List<Read> of(String claimantKey) {
        return jdbc.query("SELECT read_at, reader_id, reader_role, case_id, request_id FROM access_log.personal_data_read "
                        + "WHERE claimant_key = ? ORDER BY read_at, read_id",
                (rs, row) -> new Read(rs.getTimestamp("read_at").toInstant(), rs.getString("reader_id"), rs.getString("reader_role"),
                        rs.getString("case_id"), rs.getString("request_id")), claimantKey);
    }
}

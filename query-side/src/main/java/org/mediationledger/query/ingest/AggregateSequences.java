package org.mediationledger.query.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Per aggregate, the last sequence the views applied and whether they are stalled on a gap. */
@Repository
public class AggregateSequences {

    private final JdbcTemplate jdbc;

    public AggregateSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads the aggregate's progress and locks its row until the transaction ends, so that two
     * consumers (e.g. during a rebalance) never apply the same aggregate's events concurrently.
     */
    public AggregateProgress lock(String aggregateId, String aggregateType) {
        // the no-op update makes the insert return (and lock) an existing row in one round trip
        return jdbc.queryForObject("INSERT INTO views.aggregate_sequence (aggregate_id, aggregate_type, last_sequence) "
                        + "VALUES (?, ?, -1) ON CONFLICT (aggregate_id) DO UPDATE SET aggregate_id = EXCLUDED.aggregate_id "
                        + "RETURNING last_sequence, stalled_expected, stalled_received",
                AggregateSequences::progress, aggregateId, aggregateType);
    }

    /**
     * Stores the progress after an event was applied or held; {@code reason} says why it is stalled
     * (null keeps the reason already recorded).
     */
    public void store(String aggregateId, AggregateProgress progress, String reason) {
        if (progress.stalled()) {
            jdbc.update("UPDATE views.aggregate_sequence SET last_sequence = ?, stalled_expected = ?, stalled_received = ?, "
                            + "stalled_since = COALESCE(stalled_since, now()), stall_reason = COALESCE(?, stall_reason) "
                            + "WHERE aggregate_id = ?",
                    progress.lastSequence(), progress.stalledExpected(), progress.stalledReceived(), reason, aggregateId);
        } else {
            jdbc.update("UPDATE views.aggregate_sequence SET last_sequence = ?, stalled_expected = NULL, stalled_received = NULL, "
                    + "stalled_since = NULL, stall_reason = NULL WHERE aggregate_id = ?", progress.lastSequence(), aggregateId);
        }
    }

    private static AggregateProgress progress(ResultSet rs, int row) throws SQLException {
        return new AggregateProgress(rs.getLong("last_sequence"),
                rs.getObject("stalled_expected", Long.class),
                rs.getObject("stalled_received", Long.class));
    }
}

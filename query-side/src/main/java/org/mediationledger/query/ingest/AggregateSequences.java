package org.mediationledger.query.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per aggregate, the last sequence the views applied and whether they are stalled on a gap. */
@Repository
public class AggregateSequences {

    /**
     * An aggregate's row: its progress and the reason it is stalled (null when it is not).
     *
     * @param stalledAnew the stall began in the batch that stores this: its time is now, not the one stored
     */
    public record Stored(String aggregateId, AggregateProgress progress, String stallReason, boolean stalledAnew) {
    }

    // the no-op update makes the insert return (and lock) an existing row in the same statement
    private static final String LOCK = "INSERT INTO views.aggregate_sequence (aggregate_id, aggregate_type, last_sequence) "
            + "SELECT id, type, -1 FROM unnest(?::text[], ?::text[]) AS batch(id, type) ORDER BY id "
            + "ON CONFLICT (aggregate_id) DO UPDATE SET aggregate_id = EXCLUDED.aggregate_id "
            + "RETURNING aggregate_id, last_sequence, stalled_expected, stalled_received, stall_reason";

    private static final String STORE = "UPDATE views.aggregate_sequence s SET last_sequence = b.last_sequence, "
            + "stalled_expected = b.stalled_expected, stalled_received = b.stalled_received, "
            + "stalled_since = CASE WHEN b.stalled_expected IS NULL THEN NULL WHEN b.anew THEN now() ELSE COALESCE(s.stalled_since, now()) END, "
            + "stall_reason = b.stall_reason "
            + "FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::boolean[]) "
            + "AS b(aggregate_id, last_sequence, stalled_expected, stalled_received, stall_reason, anew) "
            + "WHERE s.aggregate_id = b.aggregate_id";

    private final JdbcTemplate jdbc;

    public AggregateSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads the aggregates' progress and locks their rows until the transaction ends, so that two
     * consumers (e.g. during a rebalance) never apply the same aggregate's events concurrently. The rows
     * are locked in the order of their ids, so two batches never wait for each other in a circle.
     *
     * @param types each aggregate's type, by aggregate id
     */
    public Map<String, Stored> lock(Map<String, String> types) {
        String[] ids = types.keySet().toArray(String[]::new);
        String[] typeNames = types.values().toArray(String[]::new);
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
                statement.setArray(1, connection.createArrayOf("text", ids));
                statement.setArray(2, connection.createArrayOf("text", typeNames));
                Map<String, Stored> locked = new HashMap<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString("aggregate_id");
                        locked.put(id, new Stored(id, new AggregateProgress(rs.getLong("last_sequence"),
                                rs.getObject("stalled_expected", Long.class), rs.getObject("stalled_received", Long.class)),
                                rs.getString("stall_reason"), false));
                    }
                }
                return locked;
            }
        });
    }

    /** Stores the aggregates' progress after a batch applied or held their events, in one statement. */
    public void store(List<Stored> aggregates) {
        if (aggregates.isEmpty()) {
            return;
        }
        int n = aggregates.size();
        String[] ids = new String[n];
        Long[] last = new Long[n];
        Long[] expected = new Long[n];
        Long[] received = new Long[n];
        String[] reasons = new String[n];
        Boolean[] anew = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Stored aggregate = aggregates.get(i);
            AggregateProgress progress = aggregate.progress();
            ids[i] = aggregate.aggregateId();
            last[i] = progress.lastSequence();
            expected[i] = progress.stalledExpected();
            received[i] = progress.stalledReceived();
            reasons[i] = progress.stalled() ? aggregate.stallReason() : null;
            anew[i] = aggregate.stalledAnew();
        }
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(STORE)) {
                Array[] arrays = {connection.createArrayOf("text", ids), connection.createArrayOf("bigint", last),
                        connection.createArrayOf("bigint", expected), connection.createArrayOf("bigint", received),
                        connection.createArrayOf("text", reasons), connection.createArrayOf("boolean", anew)};
                for (int i = 0; i < arrays.length; i++) {
                    statement.setArray(i + 1, arrays[i]);
                }
                return statement.executeUpdate();
            }
        });
    }
}

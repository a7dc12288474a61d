package org.mediationledger.query.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ids of the events the views have taken in (guarantee 5: every event changes the views once). */
@Repository
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of {@code eventIds} were taken in before (their deliveries now are redeliveries), in one query. */
    public Set<String> alreadyRecorded(List<String> eventIds) {
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT event_id FROM views.processed_event WHERE event_id = ANY (?)")) {
                statement.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
                Set<String> recorded = new HashSet<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getString(1));
                    }
                }
                return recorded;
            }
        });
    }

    /**
     * Records event ids with their global index, in one statement. An id recorded meanwhile by another
     * consumer (a rebalance) is left as it is: that consumer held the aggregate's row lock first, so this
     * batch found its sequence applied and changed nothing for it.
     */
    public void record(Map<String, Long> globalIndexByEventId) {
        if (globalIndexByEventId.isEmpty()) {
            return;
        }
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO views.processed_event (event_id, global_index) SELECT * FROM unnest(?::text[], ?::bigint[]) "
                            + "ON CONFLICT (event_id) DO NOTHING")) {
                statement.setArray(1, connection.createArrayOf("text", globalIndexByEventId.keySet().toArray()));
                statement.setArray(2, connection.createArrayOf("bigint", globalIndexByEventId.values().toArray()));
                return statement.executeUpdate();
            }
        });
    }
}

package org.mediationledger.query.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The highest global index applied: what every view answer reports as {@code X-Projection-Position}.
 * Kept per topic partition so that consumers of different partitions do not contend for one row.
 */
@Repository
public class ProjectionPosition {

    /** Reported before any event was applied. */
    public static final long NOTHING_APPLIED = -1;

    private final JdbcTemplate jdbc;

    public ProjectionPosition(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void advance(String partitionKey, long globalIndex) {
        jdbc.update("INSERT INTO views.projection_position (partition_key, global_index) VALUES (?, ?) "
                + "ON CONFLICT (partition_key) DO UPDATE SET global_index = "
                + "GREATEST(views.projection_position.global_index, EXCLUDED.global_index)", partitionKey, globalIndex);
    }

    public long current() {
        Long position = jdbc.queryForObject("SELECT MAX(global_index) FROM views.projection_position", Long.class);
        return position == null ? NOTHING_APPLIED : position;
    }
}

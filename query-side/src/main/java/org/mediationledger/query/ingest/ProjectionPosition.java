package org.mediationledger.query.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The highest global index applied: what every view answer reports as {@code X-Projection-Position}.
 * Kept per topic partition so that consumers of different partitions do not contend for one row.
 * <p>
 * It is the <em>highest</em> index applied, not a watermark below which every event is applied.
 * Kafka orders events only within a partition (one case stays in one partition), and partitions are
 * consumed independently, possibly by different nodes: partition 0 may have applied index 120 while
 * partition 1 has not yet reached index 95. A held case (a gap, a refused event) also stays behind
 * while the position moves on with other cases, and the event store's global index has gaps of its
 * own. So a client that saw position P knows that the event with index P is reflected, nothing
 * about any lower index; to know that its own write is visible it compares the case file's
 * {@code version} with the version (ETag) the command answered. See POSITION.md.
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

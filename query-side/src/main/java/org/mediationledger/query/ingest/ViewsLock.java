package org.mediationledger.query.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A transaction-scoped PostgreSQL advisory lock over all the views: every ingestion transaction holds it
 * shared, so they run side by side; switching to rebuilt tables holds it exclusively, so no event is
 * applied to the tables being replaced while they are.
 */
@Component
public class ViewsLock {

    /** The lock's key ("MLVIEWS"); a test holds ingestion back by taking it exclusively, as a switch does. */
    public static final long KEY = 0x4d4c5649455753L;

    private final JdbcTemplate jdbc;

    public ViewsLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the current transaction: wait until no switch runs, and keep one from starting until commit. */
    public void holdShared() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(?)", KEY);
    }

    /** In the current transaction: wait until no ingestion runs, and keep every one waiting until commit. */
    public void holdExclusive() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", KEY);
    }
}

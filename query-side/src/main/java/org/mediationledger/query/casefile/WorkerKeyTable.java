package org.mediationledger.query.casefile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command side's table {@code pii.worker_key}: one key per worker, set to null when the worker's
 * personal data is erased. Read only; the query side never copies a key.
 */
@Repository
public class WorkerKeyTable implements WorkerKeys {

    private static final Logger log = LoggerFactory.getLogger(WorkerKeyTable.class);

    private final JdbcTemplate jdbc;
    private volatile boolean tableSeen;

    public WorkerKeyTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<byte[]> find(String claimantKey) {
        if (!tableExists()) {
            return Optional.empty();
        }
        List<byte[]> keys = jdbc.query("SELECT worker_key FROM pii.worker_key WHERE claimant_key = ?",
                (rs, row) -> rs.getBytes(1), claimantKey);
        return keys.stream().filter(Objects::nonNull).findFirst();
    }

    /**
     * Checked rather than caught: a failed statement would abort the caller's read transaction. The
     * command side owns the table and may create it after we start.
     */
    private boolean tableExists() {
        if (!tableSeen) {
            tableSeen = Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT to_regclass('pii.worker_key') IS NOT NULL", Boolean.class));
            if (!tableSeen) {
                log.warn("table pii.worker_key does not exist; personal data is shown as erased");
            }
        }
        return tableSeen;
    }
}

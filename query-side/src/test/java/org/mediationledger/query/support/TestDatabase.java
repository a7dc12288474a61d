package org.mediationledger.query.support;

import org.mediationledger.infra.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database of its own for one test class on the shared embedded server, with the command side's
 * {@code pii.worker_key} table that the query side reads keys from.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static String create(String name) {
        EmbeddedPostgresServer server = EmbeddedServers.postgres();
        server.createDatabaseIfMissing(name);
        JdbcTemplate jdbc = jdbc(name);
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS pii");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pii.worker_key (claimant_key text PRIMARY KEY, id_number_hash text, "
                + "worker_key bytea, created_at timestamptz, erased_at timestamptz)");
        return server.jdbcUrl(name);
    }

    public static JdbcTemplate jdbc(String name) {
        EmbeddedPostgresServer server = EmbeddedServers.postgres();
        return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl(name),
                server.username(), server.password()));
    }
}

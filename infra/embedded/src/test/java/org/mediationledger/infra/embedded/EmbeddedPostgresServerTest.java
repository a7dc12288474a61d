package org.mediationledger.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void startsDurableAndKeepsDataAcrossRestart() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(pg.port()).isPositive();
            assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + pg.port() + "/mediation_ledger");
            try (Connection c = connect(pg); Statement s = c.createStatement()) {
                assertThat(single(s, "SHOW synchronous_commit")).isEqualTo("on");
                // zonky starts postgres with -F (fsync off); our -c fsync=on must win
                assertThat(single(s, "SHOW fsync")).isEqualTo("on");
                assertThat(single(s, "SHOW max_connections")).isEqualTo("200");
                assertThat(single(s, "SHOW server_encoding")).isEqualTo("UTF8");
                s.execute("CREATE TABLE kept (id int PRIMARY KEY, title text)");
                s.execute("INSERT INTO kept VALUES (1, '(2025)鲁0203民初77号')");
            }
        }
        // same directory, again a free port: the row must still be there
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0);
             Connection c = connect(pg); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT title FROM kept WHERE id = 1")).isEqualTo("(2025)鲁0203民初77号");
            assertThat(single(s, "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void createsFurtherDatabasesOnRequestAndLogsToFile() throws Exception {
        Path logFile = dir.resolve("logs/postgres.log");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, logFile)) {
            pg.createDatabaseIfMissing("other_test_db");
            pg.createDatabaseIfMissing("other_test_db"); // second call is a no-op
            try (Connection c = pg.connect("other_test_db"); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT current_database()")).isEqualTo("other_test_db");
            }
        }
        assertThat(java.nio.file.Files.readString(logFile)).contains("database system is ready to accept connections");
    }

    private static Connection connect(EmbeddedPostgresServer pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}

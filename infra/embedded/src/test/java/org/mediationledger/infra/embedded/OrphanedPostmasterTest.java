package org.mediationledger.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher killed with kill -9 leaves its postmaster running; the next start must cope. */
class OrphanedPostmasterTest {

    @TempDir
    Path dir;

    @Test
    void nextStartStopsThePostmasterOfADeadJvm() throws Exception {
        Path data = dir.resolve("pg");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DieWithoutClosing.class.getName(), data.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(0);
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (var c = pg.connect(EmbeddedPostgresServer.DATABASE); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM survivor")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** Child JVM: starts PostgreSQL, commits a row, then halts without running any cleanup. */
    public static final class DieWithoutClosing {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            try (var c = pg.connect(EmbeddedPostgresServer.DATABASE); var s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (id int)");
                s.execute("INSERT INTO survivor VALUES (1)");
            }
            Runtime.getRuntime().halt(0);
        }
    }

}

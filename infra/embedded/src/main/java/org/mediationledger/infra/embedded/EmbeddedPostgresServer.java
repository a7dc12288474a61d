package org.mediationledger.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky binaries, PostgreSQL 17) running as a child process, its data
 * kept in a directory of our choice between runs.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database the services use. */
    public static final String DATABASE = "mediation_ledger";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String USER = "postgres";
    // initdb runs with "-A trust" on localhost; the password is only there for clients that insist.
    private static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory}, running initdb only when the directory holds no
     * cluster yet, and creates the database {@value #DATABASE} when missing.
     *
     * @param port the port to listen on, 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, null);
    }

    /**
     * As {@link #start(Path, int)}, with PostgreSQL's own output appended to {@code logFile}
     * instead of going through this JVM's logging (null keeps the latter).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Path logFile) {
        Path dir = dataDirectory.toAbsolutePath();
        long begin = System.nanoTime();
        try {
            Files.createDirectories(dir);
            stopOrphanedPostmaster(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (logFile != null) {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                ProcessBuilder.Redirect toFile = ProcessBuilder.Redirect.appendTo(logFile.toFile());
                builder.setOutputRedirector(toFile).setErrorRedirector(toFile);
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)           // keep the data between runs
                    .setRegisterShutdownHook(false)         // the owner closes us, in order
                    .setPort(FreePorts.orFree(port))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky turns this off for test speed; durability is the point here
                    .setServerConfig("synchronous_commit", "on")
                    // zonky also passes -F (fsync off); a later -c fsync=on overrides it
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir);
            try {
                server.createDatabaseIfMissing(DATABASE);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("PostgreSQL ready on port {} (data {}) in {} ms", server.port(), dir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dir, e);
        }
    }

    /** JDBC URL of the {@value #DATABASE} database. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** JDBC URL of another database on this server (e.g. one per test class). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Opens a connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /**
     * Creates a UTF-8 database unless it exists; lets tests of other modules have a fresh database
     * each without starting another server.
     */
    public void createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("unsupported database name: " + database);
        }
        try (Connection c = connect("postgres")) {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                check.setString(1, database);
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                // the name was checked against DATABASE_NAME above, so it is safe to inline
                create.execute("CREATE DATABASE " + database
                        + " ENCODING 'UTF8' TEMPLATE template0");
            }
            log.info("created database {}", database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    /** Stops PostgreSQL with a fast shutdown (pg_ctl stop), which checkpoints before it exits. */
    @Override
    public void close() {
        try {
            postgres.close();
            log.info("PostgreSQL on port {} stopped", port());
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
        }
    }

    /**
     * If a previous launcher was killed (kill -9), its postmaster keeps running and holds the data
     * directory, so the next start would fail. When no live JVM holds zonky's lock file but the
     * postmaster named in postmaster.pid is still alive, it is an orphan of ours: stop it.
     */
    private static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.contains("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return; // stale pid file: PostgreSQL itself copes with it
        }
        try (FileChannel channel = FileChannel.open(dir.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                return; // a live process owns this directory; zonky's own lock will report it
            }
            ProcessHandle orphan = postmaster.get();
            log.warn("stopping orphaned PostgreSQL (pid {}) left running on {}", orphan.pid(), dir);
            orphan.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
            try {
                orphan.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("orphaned PostgreSQL did not stop in 15 s, killing it");
                orphan.destroyForcibly(); // crash recovery will run on the next start
                orphan.onExit().join();
            }
        }
    }

    /** null when another process, or this JVM, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

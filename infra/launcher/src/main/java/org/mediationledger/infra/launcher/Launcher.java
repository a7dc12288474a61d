package org.mediationledger.infra.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command starts the whole system on its embedded defaults: PostgreSQL and Kafka (in this JVM
 * or as its child), then command-side, query-side and the web console as child JVMs; waits until all
 * three are healthy.
 * Ctrl-C / SIGTERM stops everything through one shutdown hook: services, Kafka, PostgreSQL.
 */
public final class Launcher {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private final LaunchConfig config;
    private final Supervisor supervisor;
    private final Infrastructure infrastructure;

    public Launcher(LaunchConfig config, Supervisor supervisor, Infrastructure infrastructure) {
        this.config = config;
        this.supervisor = supervisor;
        this.infrastructure = infrastructure;
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            log.info("usage: bin/start (no arguments); configure with environment variables, see docs/running.md");
            if (!List.of("-h", "--help").contains(args[0])) {
                log.warn("ignoring arguments {}", List.of(args));
            }
        }
        LaunchConfig config = LaunchConfig.fromEnvironment(System.getenv(),
                Path.of("").toAbsolutePath(), launcherJar());
        Supervisor supervisor = new Supervisor(config.stopGrace());
        // the only shutdown hook: it stops things in order (embedded-runtime registers none)
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::close, "launcher-shutdown"));
        try {
            new Launcher(config, supervisor, Infrastructure.embedded()).start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            log.error("start failed: {}", e.getMessage(), e.getCause());
            supervisor.close();
            System.exit(1);
        } catch (RuntimeException e) {
            log.error("start failed", e);
            supervisor.close();
            System.exit(1);
        }
        ServiceProcess exited = supervisor.awaitAnyExit();
        if (!supervisor.isClosing()) {
            exited.awaitOutput(java.time.Duration.ofSeconds(2));
            log.error("{} exited unexpectedly with code {}, stopping everything; see {}",
                    exited.name(), exited.process().exitValue(), exited.spec().logFile());
            System.exit(1); // runs the shutdown hook
        }
    }

    /** Starts everything and returns once both services are healthy; throws with a clear message otherwise. */
    public void start() {
        long begin = System.nanoTime();
        requireFile(config.commandJar(), "command-side jar", "ML_COMMAND_JAR");
        requireFile(config.queryJar(), "query-side jar", "ML_QUERY_JAR");
        requireFile(config.consoleJar(), "console jar", "ML_CONSOLE_JAR");
        if (!Files.exists(config.dataDir().resolve("postgres/postmaster.pid"))) {
            // with a pid file, the port may be held by our own orphaned PostgreSQL, which
            // EmbeddedPostgresServer stops; check only otherwise
            requireFreePort(config.postgresPort(), "ML_PG_PORT");
        }
        requireFreePort(config.kafkaPort(), "ML_KAFKA_PORT");
        requireFreePort(config.commandPort(), "ML_COMMAND_PORT");
        requireFreePort(config.queryPort(), "ML_QUERY_PORT");
        requireFreePort(config.consolePort(), "ML_CONSOLE_PORT");
        log.info("data directory {}", config.dataDir());

        Infrastructure.Database db = supervisor.manage("PostgreSQL", infrastructure.startDatabase(
                config.dataDir().resolve("postgres"), config.postgresPort(), config.logsDir().resolve("postgres.log")));
        Infrastructure.Broker kafka = supervisor.manage("Kafka",
                infrastructure.startBroker(config.dataDir().resolve("kafka"), config.kafkaPort()));

        for (ServiceSpec spec : services(db, kafka)) {
            supervisor.start(spec);
        }
        supervisor.awaitHealthy(config.startTimeout());
        log.info("Mediation Ledger ready in {} s: console http://localhost:{} , command side http://localhost:{} ,"
                        + " query side http://localhost:{} (PostgreSQL {}, Kafka {}, logs {}). Ctrl-C stops everything.",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin), config.consolePort(), config.commandPort(),
                config.queryPort(),
                db.jdbcUrl(), kafka.bootstrapServers(), config.logsDir());
    }

    /**
     * The two service processes and the console, with the environment they read their settings from.
     * The console gets only the services' URLs: no database, no broker, no demo-account switch.
     */
    List<ServiceSpec> services(Infrastructure.Database db, Infrastructure.Broker kafka) {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("ML_DB_URL", db.jdbcUrl());
        common.put("ML_DB_USER", db.username());
        common.put("ML_DB_PASSWORD", db.password());
        common.put("ML_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        common.put("ML_DEMO_ACCOUNTS", config.demoAccounts());
        Map<String, String> console = new LinkedHashMap<>();
        console.put("ML_COMMAND_URL", "http://localhost:" + config.commandPort());
        console.put("ML_QUERY_URL", "http://localhost:" + config.queryPort());
        return List.of(
                service("command-side", config.commandJar(), config.commandPort(), common),
                service("query-side", config.queryJar(), config.queryPort(), common),
                service("console", config.consoleJar(), config.consolePort(), console));
    }

    private ServiceSpec service(String name, Path jar, int port, Map<String, String> common) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.javaOptionsOf(name));
        command.add("-jar");
        command.add(jar.toString());
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("SERVER_PORT", String.valueOf(port));
        return new ServiceSpec(name, command, env, config.logsDir().resolve(name + ".log"),
                URI.create("http://localhost:" + port + "/actuator/health"));
    }

    private static void requireFile(Path file, String what, String variable) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(what + " not found at " + file
                    + ": build it (mvn -B -DskipTests install, or bin/start) or set " + variable);
        }
    }

    /** Fails before anything starts, rather than with a half-started system. */
    private static void requireFreePort(int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use (another instance running?); set "
                    + variable + " to use another one");
        }
    }

    private static Optional<Path> launcherJar() {
        // with "java -jar x.jar" the class path is exactly that jar
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            return Optional.of(Path.of(classPath).toAbsolutePath());
        }
        try {
            return Optional.of(Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // e.g. a nested-jar URL: fall back to the working directory
        }
    }
}

package org.mediationledger.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the launcher needs to know, read from environment variables with embedded defaults.
 *
 * @param dataDir       base directory: {@code postgres/}, {@code kafka/}, {@code logs/}
 * @param javaOptions   JVM options of every service process
 * @param serviceJavaOptions per service (command-side, query-side, console), JVM options after those of every
 *                      service (a later option wins): the defaults when ML_JAVA_OPTS is not set, none when it is
 * @param consoleJar    the web console's executable jar
 * @param consolePort   where the web console answers (the services' URLs are passed to it)
 * @param demoAccounts  value of ML_DEMO_ACCOUNTS passed to the services
 * @param startTimeout  how long the services and the console may take to answer their health check
 * @param stopGrace     how long a service may take to stop after SIGTERM before it is killed
 */
public record LaunchConfig(
        Path dataDir,
        int postgresPort,
        int kafkaPort,
        Path commandJar,
        Path queryJar,
        int commandPort,
        int queryPort,
        Path consoleJar,
        int consolePort,
        List<String> javaOptions,
        Map<String, List<String>> serviceJavaOptions,
        String demoAccounts,
        Duration startTimeout,
        Duration stopGrace) {

    /**
     * What every service runs with: the serial collector (two cores: a parallel one only adds threads), and a
     * service out of heap exits, so that the launcher says so and stops, rather than running on with dead threads.
     */
    static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8";

    /**
     * Each service's heap and JIT, chosen by measurement (decision 0030) so that the whole system stays under
     * 1.5 GB resident: the query side gets the full JIT (C2) and a fixed heap with a young generation large
     * enough that a rebuild's chunks die young (with 64 MB of it, a rebuild spent half its time collecting);
     * the command side answered as many commands with C1 only as with C2, warm, and costs 180 MB less
     * resident with it; the console serves pages and stays small and quick to warm.
     */
    static final Map<String, List<String>> DEFAULT_SERVICE_JAVA_OPTS = Map.of(
            "command-side", List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1"),
            "query-side", List.of("-Xms384m", "-Xmx384m", "-Xmn160m"),
            "console", List.of("-Xms32m", "-Xmx192m", "-XX:TieredStopAtLevel=1"));

    public LaunchConfig {
        javaOptions = List.copyOf(javaOptions);
        serviceJavaOptions = Map.copyOf(serviceJavaOptions);
    }

    /** The JVM options of {@code service}'s process. */
    public List<String> javaOptionsOf(String service) {
        return Stream.concat(javaOptions.stream(), serviceJavaOptions.getOrDefault(service, List.of()).stream())
                .toList();
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    /**
     * Reads ML_DATA_DIR, ML_PG_PORT, ML_KAFKA_PORT, ML_COMMAND_JAR, ML_QUERY_JAR, ML_COMMAND_PORT,
     * ML_QUERY_PORT, ML_CONSOLE_JAR, ML_CONSOLE_PORT, ML_JAVA_OPTS, ML_DEMO_ACCOUNTS, ML_START_TIMEOUT (seconds).
     *
     * @param workingDir   where relative paths start, and the first guess for the project root
     * @param launcherJar  where the launcher runs from, if known (second guess for the project root:
     *                     {@code <root>/infra/launcher/target/launcher.jar})
     */
    public static LaunchConfig fromEnvironment(Map<String, String> env, Path workingDir, Optional<Path> launcherJar) {
        Path root = projectRoot(workingDir, launcherJar);
        return new LaunchConfig(
                path(env, "ML_DATA_DIR", workingDir).orElse(workingDir.resolve("data")).normalize(),
                port(env, "ML_PG_PORT", 15432),
                port(env, "ML_KAFKA_PORT", 19092),
                path(env, "ML_COMMAND_JAR", workingDir).orElseGet(() -> serviceJar(root, "command-side")),
                path(env, "ML_QUERY_JAR", workingDir).orElseGet(() -> serviceJar(root, "query-side")),
                port(env, "ML_COMMAND_PORT", 8081),
                port(env, "ML_QUERY_PORT", 8082),
                path(env, "ML_CONSOLE_JAR", workingDir).orElseGet(() -> serviceJar(root, "console")),
                port(env, "ML_CONSOLE_PORT", 8080),
                Arrays.asList(env.getOrDefault("ML_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim().split("\\s+")),
                env.containsKey("ML_JAVA_OPTS") ? Map.of() : DEFAULT_SERVICE_JAVA_OPTS,
                env.getOrDefault("ML_DEMO_ACCOUNTS", "true"),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("ML_START_TIMEOUT", "90"))),
                Duration.ofSeconds(15));
    }

    /** The working directory if it holds the services, else the root the launcher jar sits in. */
    static Path projectRoot(Path workingDir, Optional<Path> launcherJar) {
        if (Files.isDirectory(workingDir.resolve("command-side"))) {
            return workingDir;
        }
        return launcherJar
                .map(jar -> jar.toAbsolutePath().getParent())          // infra/launcher/target
                .filter(dir -> dir.getNameCount() >= 3)
                .map(dir -> dir.getParent().getParent().getParent())   // project root
                .filter(dir -> Files.isDirectory(dir.resolve("command-side")))
                .orElse(workingDir);
    }

    /**
     * {@code <root>/<module>/target/<module>-<version>-exec.jar}; the newest if several versions
     * were built, or the 0.1.0-SNAPSHOT name when none exists (the launcher then reports it).
     */
    static Path serviceJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        Path expected = target.resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
        if (Files.exists(expected) || !Files.isDirectory(target)) {
            return expected;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith(module + "-"))
                    .filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
                    .max(Comparator.comparing(LaunchConfig::lastModified))
                    .orElse(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<Path> path(Map<String, String> env, String name, Path workingDir) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank())
                .map(v -> workingDir.resolve(v).toAbsolutePath());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}

package org.mediationledger.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's supervision, with fake PostgreSQL/Kafka and {@link FakeService} as both services. */
class LauncherTest {

    @TempDir
    static Path jarDir;
    static Path fakeJar;

    @TempDir
    Path dataDir;

    /** What happened, in order: infrastructure starts and stops, with the state of the services then. */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    Supervisor supervisor;

    @BeforeAll
    static void buildFakeServiceJar() throws Exception {
        fakeJar = jarDir.resolve("fake-service.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = FakeService.class.getPackageName().replace('.', '/');
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(fakeJar), manifest);
             DirectoryStream<Path> files = Files.newDirectoryStream(classes.resolve(pkg), "FakeService*.class")) {
            for (Path file : files) {
                jar.putNextEntry(new JarEntry(pkg + "/" + file.getFileName()));
                Files.copy(file, (OutputStream) jar);
                jar.closeEntry();
            }
        }
    }

    @AfterEach
    void stopEverything() {
        if (supervisor != null) {
            supervisor.close();
            assertThat(supervisor.services()).noneMatch(ServiceProcess::isAlive);
        }
    }

    @Test
    void startWaitsForHealthPassesEnvironmentAndStopsServicesBeforeKafkaBeforePostgres() throws Exception {
        LaunchConfig config = config(fakeJar, Duration.ofSeconds(30), Duration.ofSeconds(10));
        Launcher launcher = launcher(config);

        launcher.start();

        assertThat(events).containsExactly("start PostgreSQL", "start Kafka");
        assertThat(supervisor.services()).extracting(ServiceProcess::name).containsExactly("command-side", "query-side", "console");
        assertThat(supervisor.services()).allMatch(ServiceProcess::isAlive);
        assertThat(healthStatus(config.commandPort())).isEqualTo(200);
        assertThat(healthStatus(config.queryPort())).isEqualTo(200);
        assertThat(healthStatus(config.consolePort())).isEqualTo(200);

        supervisor.close();

        assertThat(events).containsExactly("start PostgreSQL", "start Kafka",
                "stop Kafka (services alive: false)", "stop PostgreSQL (Kafka stopped: true)");
        String commandLog = Files.readString(config.logsDir().resolve("command-side.log"), StandardCharsets.UTF_8);
        assertThat(commandLog).contains(
                "ENV ML_DB_URL=jdbc:postgresql://localhost:" + config.postgresPort() + "/mediation_ledger",
                "ENV ML_DB_USER=fake-user",
                "ENV ML_DB_PASSWORD=fake-password",
                "ENV ML_KAFKA_BOOTSTRAP=localhost:" + config.kafkaPort(),
                "ENV ML_DEMO_ACCOUNTS=true",
                "ENV SERVER_PORT=" + config.commandPort(),
                "fake: case (2025)鲁0203民初77号",
                "fake: SIGTERM received, stopping");
        // it was asked while still unhealthy and start() returned only after it said 200
        assertThat(commandLog.indexOf("fake: health 503")).isPositive().isLessThan(commandLog.indexOf("fake: health 200"));
        assertThat(Files.readString(config.logsDir().resolve("query-side.log")))
                .contains("ENV SERVER_PORT=" + config.queryPort(), "fake: health 200");
        // the console gets the services' URLs and nothing of the database or the broker
        String consoleLog = Files.readString(config.logsDir().resolve("console.log"), StandardCharsets.UTF_8);
        assertThat(consoleLog).contains("ENV SERVER_PORT=" + config.consolePort(),
                "ENV ML_COMMAND_URL=http://localhost:" + config.commandPort(),
                "ENV ML_QUERY_URL=http://localhost:" + config.queryPort(), "fake: health 200");
        assertThat(consoleLog).doesNotContain("ML_DB_", "ML_KAFKA_", "ML_DEMO_ACCOUNTS");
    }

    @Test
    void serviceThatNeverBecomesHealthyFailsStartWithItsLog() {
        LaunchConfig config = config(fakeJar, Duration.ofSeconds(3), Duration.ofSeconds(10), "-Dfake.mode=unhealthy");
        Launcher launcher = launcher(config);

        assertThatThrownBy(launcher::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("command-side did not become healthy at http://localhost:"
                        + config.commandPort() + "/actuator/health within 3 s")
                .hasMessageContaining(config.logsDir().resolve("command-side.log").toString())
                .hasMessageContaining("fake: health 503");

        supervisor.close();
        assertThat(events).endsWith("stop Kafka (services alive: false)", "stop PostgreSQL (Kafka stopped: true)");
    }

    @Test
    void serviceThatExitsFailsStartAtOnce() {
        LaunchConfig config = config(fakeJar, Duration.ofSeconds(60), Duration.ofSeconds(10), "-Dfake.mode=exit");
        Launcher launcher = launcher(config);
        long begin = System.nanoTime();

        // every service is the failing fake here: whichever is found gone first is named, with its output
        assertThatThrownBy(launcher::start)
                .hasMessageFindingMatch("^(command-side|query-side|console) exited with code 3 before it became healthy")
                .hasMessageContaining("fake: failing on purpose");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void servicesThatRanForSecondsAndStop_startNoThreadPerPollAtTheirExit() throws Exception {
        Launcher launcher = launcher(config(fakeJar, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        launcher.start();
        // each service's log is polled every 100 ms meanwhile: about 30 polls per service
        Thread.sleep(3_000);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        supervisor.close();
        supervisor.services().forEach(service -> service.exit().join());
        Thread.sleep(1_000); // the threads a finished exit would start, started by now

        // asking Process.onExit() at every poll made each exit start one thread per poll (tens of thousands after an hour)
        assertThat(threads.getTotalStartedThreadCount() - startedBefore).as("threads started by stopping three services")
                .isLessThan(30);
    }

    @Test
    void serviceIgnoringSigtermIsKilledAfterTheGracePeriod() {
        LaunchConfig config = config(fakeJar, Duration.ofSeconds(30), Duration.ofSeconds(1), "-Dfake.mode=stubborn");
        Launcher launcher = launcher(config);
        launcher.start();

        supervisor.close();

        assertThat(supervisor.services()).noneMatch(ServiceProcess::isAlive);
        assertThat(events).endsWith("stop Kafka (services alive: false)", "stop PostgreSQL (Kafka stopped: true)");
    }

    @Test
    void missingServiceJarIsReportedBeforeAnythingStarts() {
        Path missing = dataDir.resolve("nowhere/command-side-0.1.0-SNAPSHOT-exec.jar");
        Launcher launcher = launcher(config(missing, Duration.ofSeconds(5), Duration.ofSeconds(1)));

        assertThatThrownBy(launcher::start)
                .hasMessageContaining("command-side jar not found at " + missing)
                .hasMessageContaining("ML_COMMAND_JAR");
        assertThat(events).isEmpty();
    }

    private LaunchConfig config(Path commandJar, Duration startTimeout, Duration stopGrace, String... extraJavaOptions) {
        List<String> javaOptions = new ArrayList<>(List.of("-Xmx32m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8"));
        javaOptions.addAll(List.of(extraJavaOptions));
        return new LaunchConfig(dataDir, freePort(), freePort(), commandJar, fakeJar, freePort(), freePort(),
                fakeJar, freePort(), javaOptions, Map.of(), "true", startTimeout, stopGrace);
    }

    private Launcher launcher(LaunchConfig config) {
        supervisor = new Supervisor(config.stopGrace());
        return new Launcher(config, supervisor, new RecordingInfrastructure());
    }

    /** Stands in for PostgreSQL and Kafka; records when they start and stop. */
    private final class RecordingInfrastructure implements Infrastructure {
        private volatile boolean kafkaStopped;

        @Override
        public Database startDatabase(Path dataDirectory, int port, Path logFile) {
            events.add("start PostgreSQL");
            return new Database() {
                public String jdbcUrl() {
                    return "jdbc:postgresql://localhost:" + port + "/mediation_ledger";
                }

                public String username() {
                    return "fake-user";
                }

                public String password() {
                    return "fake-password";
                }

                public void close() {
                    events.add("stop PostgreSQL (Kafka stopped: " + kafkaStopped + ")");
                }
            };
        }

        @Override
        public Broker startBroker(Path logDirectory, int port) {
            events.add("start Kafka");
            return new Broker() {
                public String bootstrapServers() {
                    return "localhost:" + port;
                }

                public void close() {
                    boolean alive = supervisor.services().stream().anyMatch(ServiceProcess::isAlive);
                    events.add("stop Kafka (services alive: " + alive + ")");
                    kafkaStopped = true;
                }
            };
        }
    }

    private static int healthStatus(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.mediationledger.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchConfigTest {

    @TempDir
    Path root;

    @Test
    void embeddedDefaults() throws Exception {
        Files.createDirectories(root.resolve("command-side/target"));
        LaunchConfig c = LaunchConfig.fromEnvironment(Map.of(), root, Optional.empty());
        assertThat(c.dataDir()).isEqualTo(root.resolve("data"));
        assertThat(c.logsDir()).isEqualTo(root.resolve("data/logs"));
        assertThat(c.postgresPort()).isEqualTo(15432);
        assertThat(c.kafkaPort()).isEqualTo(19092);
        assertThat(c.commandPort()).isEqualTo(8081);
        assertThat(c.queryPort()).isEqualTo(8082);
        assertThat(c.consolePort()).isEqualTo(8080);
        assertThat(c.consoleJar()).isEqualTo(root.resolve("console/target/console-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(c.commandJar()).isEqualTo(root.resolve("command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(c.queryJar()).isEqualTo(root.resolve("query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(c.javaOptions()).contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(c.javaOptionsOf("query-side")).contains("-XX:+UseSerialGC", "-Xmx384m", "-Xmn160m").doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(c.javaOptionsOf("console")).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(c.demoAccounts()).isEqualTo("true");
        assertThat(c.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void environmentOverrides() {
        LaunchConfig c = LaunchConfig.fromEnvironment(Map.of(
                "ML_DATA_DIR", "/var/ml",
                "ML_PG_PORT", "5433",
                "ML_KAFKA_PORT", "9093",
                "ML_COMMAND_PORT", "9081",
                "ML_QUERY_PORT", "9082",
                "ML_COMMAND_JAR", "c.jar",
                "ML_QUERY_JAR", "/opt/q.jar",
                "ML_CONSOLE_PORT", "9080",
                "ML_CONSOLE_JAR", "console.jar",
                "ML_JAVA_OPTS", " -Xmx1g  -XX:+UseG1GC "), root, Optional.empty());
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/ml"));
        assertThat(c.postgresPort()).isEqualTo(5433);
        assertThat(c.kafkaPort()).isEqualTo(9093);
        assertThat(c.commandPort()).isEqualTo(9081);
        assertThat(c.queryPort()).isEqualTo(9082);
        assertThat(c.commandJar()).isEqualTo(root.resolve("c.jar"));
        assertThat(c.queryJar()).isEqualTo(Path.of("/opt/q.jar"));
        assertThat(c.consolePort()).isEqualTo(9080);
        assertThat(c.consoleJar()).isEqualTo(root.resolve("console.jar"));
        assertThat(c.javaOptions()).containsExactly("-Xmx1g", "-XX:+UseG1GC");
        assertThat(c.javaOptionsOf("query-side")).as("ML_JAVA_OPTS replaces every default").containsExactly("-Xmx1g", "-XX:+UseG1GC");
    }

    @Test
    void findsTheProjectRootFromTheLauncherJarWhenStartedElsewhere() throws Exception {
        Files.createDirectories(root.resolve("command-side/target"));
        Path jar = root.resolve("infra/launcher/target/launcher.jar");
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        LaunchConfig c = LaunchConfig.fromEnvironment(Map.of(), elsewhere, Optional.of(jar));
        assertThat(c.commandJar()).isEqualTo(root.resolve("command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(c.dataDir()).isEqualTo(elsewhere.resolve("data"));
    }

    @Test
    void rejectsABadPort() {
        assertThatThrownBy(() -> LaunchConfig.fromEnvironment(Map.of("ML_PG_PORT", "abc"), root, Optional.empty()))
                .hasMessage("ML_PG_PORT must be a port number, not 'abc'");
    }
}

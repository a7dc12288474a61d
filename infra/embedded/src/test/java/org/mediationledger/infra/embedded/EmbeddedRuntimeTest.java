package org.mediationledger.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void startsBothUnderOneDirectoryAndStopsThem() throws Exception {
        int pgPort;
        int kafkaPort;
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(dir, 0, 0)) {
            pgPort = runtime.postgres().port();
            kafkaPort = runtime.kafka().port();
            assertThat(dir.resolve("postgres/PG_VERSION")).exists();
            assertThat(dir.resolve("kafka/meta.properties")).exists();
            assertThat(listening(pgPort)).isTrue();
            assertThat(listening(kafkaPort)).isTrue();
        }
        assertThat(listening(pgPort)).isFalse();
        assertThat(listening(kafkaPort)).isFalse();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}

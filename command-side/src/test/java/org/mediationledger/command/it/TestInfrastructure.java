package org.mediationledger.command.it;

import org.mediationledger.infra.embedded.EmbeddedRuntime;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One real PostgreSQL and one real Kafka broker per test JVM, on free ports in a fresh directory; each
 * test class gets its own database and topic so that classes never see each other's events.
 */
final class TestInfrastructure {

    private static EmbeddedRuntime runtime;

    private TestInfrastructure() {
    }

    static synchronized EmbeddedRuntime runtime() {
        if (runtime == null) {
            try {
                Path dir = Files.createTempDirectory("ml-command-it");
                runtime = EmbeddedRuntime.start(dir, 0, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runtime;
    }

    /** Registers a fresh database and topic for one test class; returns the topic's name. */
    static String register(DynamicPropertyRegistry registry) {
        EmbeddedRuntime rt = runtime();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String database = "command_it_" + suffix;
        rt.postgres().createDatabaseIfMissing(database);
        String topic = "mediation.events.it." + suffix;
        registry.add("spring.datasource.url", () -> rt.postgres().jdbcUrl(database));
        registry.add("spring.datasource.username", rt.postgres()::username);
        registry.add("spring.datasource.password", rt.postgres()::password);
        registry.add("ml.kafka.bootstrap-servers", rt.kafka()::bootstrapServers);
        registry.add("ml.kafka.topic", () -> topic);
        registry.add("ml.kafka.topic-partitions", () -> "3");
        registry.add("ml.security.demo-accounts", () -> "true");
        registry.add("ml.security.demo-password", () -> "demo");
        return topic;
    }
}

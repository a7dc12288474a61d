package org.mediationledger.query.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mediationledger.infra.embedded.EmbeddedKafkaBroker;
import org.mediationledger.infra.embedded.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real PostgreSQL and one in-process Kafka broker per test JVM, in a temporary directory on free
 * ports. Started on first use; stopped (Kafka first) when the whole test plan is done, after the
 * test classes closed their Spring contexts.
 */
public final class EmbeddedServers implements BeforeAllCallback {

    private static Path directory;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(EmbeddedServers.class, key -> (ExtensionContext.Store.CloseableResource) EmbeddedServers::stop);
        start();
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        start();
        return postgres;
    }

    public static synchronized EmbeddedKafkaBroker kafka() {
        start();
        return kafka;
    }

    private static synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            directory = Files.createTempDirectory("query-side-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), 0);
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
    }

    private static synchronized void stop() throws IOException {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            deleteRecursively(directory);
            kafka = null;
            postgres = null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

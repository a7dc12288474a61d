package org.mediationledger.infra.embedded;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL and Kafka together under one base directory ({@code postgres/} and {@code kafka/}).
 * Closing stops Kafka first, then PostgreSQL.
 */
public final class EmbeddedRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRuntime.class);

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;

    private EmbeddedRuntime(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts both; ports of 0 mean free ports. */
    public static EmbeddedRuntime start(Path baseDirectory, int postgresPort, int kafkaPort) {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(baseDirectory.resolve("postgres"), postgresPort);
        try {
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(baseDirectory.resolve("kafka"), kafkaPort);
            return new EmbeddedRuntime(postgres, kafka);
        } catch (RuntimeException e) {
            postgres.close(); // don't leave a postmaster behind when Kafka fails
            throw e;
        }
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /** Kafka first, then PostgreSQL; PostgreSQL is stopped even if Kafka's shutdown fails. */
    @Override
    public void close() {
        try {
            kafka.close();
        } catch (RuntimeException e) {
            log.error("Kafka did not shut down cleanly", e);
        } finally {
            postgres.close();
        }
    }
}

package org.mediationledger.infra.launcher;

import java.nio.file.Path;

import org.mediationledger.infra.embedded.EmbeddedKafkaBroker;
import org.mediationledger.infra.embedded.EmbeddedPostgresServer;

/** Starts the database and the broker the services run against; a seam for tests. */
public interface Infrastructure {

    Database startDatabase(Path dataDirectory, int port, Path logFile);

    Broker startBroker(Path logDirectory, int port);

    interface Database extends AutoCloseable {
        String jdbcUrl();

        String username();

        String password();

        @Override
        void close();
    }

    interface Broker extends AutoCloseable {
        String bootstrapServers();

        @Override
        void close();
    }

    /** The embedded PostgreSQL and in-process Kafka of embedded-runtime. */
    static Infrastructure embedded() {
        return new Infrastructure() {
            @Override
            public Database startDatabase(Path dataDirectory, int port, Path logFile) {
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDirectory, port, logFile);
                return new Database() {
                    public String jdbcUrl() {
                        return pg.jdbcUrl();
                    }

                    public String username() {
                        return pg.username();
                    }

                    public String password() {
                        return pg.password();
                    }

                    public void close() {
                        pg.close();
                    }
                };
            }

            @Override
            public Broker startBroker(Path logDirectory, int port) {
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(logDirectory, port);
                return new Broker() {
                    public String bootstrapServers() {
                        return kafka.bootstrapServers();
                    }

                    public void close() {
                        kafka.close();
                    }
                };
            }
        };
    }
}

package org.mediationledger.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (broker and KRaft controller in one) running inside this JVM, its log kept
 * in a directory of our choice between runs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final int port;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDirectory, int port) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.port = port;
    }

    /**
     * Starts the broker on {@code logDirectory}, formatting the storage only the first time.
     *
     * @param port the client port, 0 for a free one; the controller takes another free port
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port) {
        return start(logDirectory, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with broker properties that override the defaults. */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port, Map<String, String> overrides) {
        Path dir = logDirectory.toAbsolutePath();
        int brokerPort = FreePorts.orFree(port);
        int controllerPort = FreePorts.pick();
        long begin = System.nanoTime();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create Kafka log directory " + dir, e);
        }
        Properties props = defaults(dir, brokerPort, controllerPort);
        props.putAll(overrides);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatIfNeeded(dir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // returns once the broker is unfenced, i.e. ready for clients
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("could not start embedded Kafka on port " + brokerPort, e);
        }
        log.info("Kafka ready on localhost:{} (log {}) in {} ms", brokerPort, dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        return new EmbeddedKafkaBroker(server, dir, brokerPort);
    }

    private static Properties defaults(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // static quorum: the voter set comes from here on every start, so a new controller port is fine
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        // one node: internal topics cannot have more than one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // the topic is the replayable history of all events: never delete by age or size
        p.put("log.retention.ms", "-1");
        p.put("log.retention.bytes", "-1");
        // the default 128 MB cleaner buffer is far more than a local run needs
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    /** Formats only when meta.properties is missing; formatting again would fail the restart. */
    private static void formatIfNeeded(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print) // the formatter prints to stdout by default
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + dir + ": " + out, e);
        }
        log.info("formatted Kafka storage: {}", out.toString(StandardCharsets.UTF_8).trim());
    }

    /** E.g. {@code localhost:19092}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Shuts the broker down cleanly (flushes and checkpoints the log) and waits for it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka on localhost:{} stopped", port);
    }
}

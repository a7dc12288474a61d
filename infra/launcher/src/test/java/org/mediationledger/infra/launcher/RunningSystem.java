package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.PublishedEvent;

import org.mediationledger.infra.embedded.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The whole system as the one-command start runs it — embedded PostgreSQL, the in-process Kafka broker
 * and both services as child JVMs from their built jars — on free ports in a fresh data directory.
 */
final class RunningSystem implements AutoCloseable {

    static final ObjectMapper JSON = EventJson.newObjectMapper();

    final LaunchConfig config;
    final Supervisor supervisor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningSystem(LaunchConfig config, Supervisor supervisor) {
        this.config = config;
        this.supervisor = supervisor;
    }

    static RunningSystem start() {
        try {
            // under target/, so that a clean build or a fresh clone starts without them
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "systems")), "ml-system-");
            Map<String, String> env = new HashMap<>();
            env.put("ML_DATA_DIR", dataDir.toString());
            env.put("ML_PG_PORT", String.valueOf(freePort()));
            env.put("ML_KAFKA_PORT", String.valueOf(freePort()));
            env.put("ML_COMMAND_PORT", String.valueOf(freePort()));
            env.put("ML_QUERY_PORT", String.valueOf(freePort()));
            env.put("ML_CONSOLE_PORT", String.valueOf(freePort()));
            env.put("ML_START_TIMEOUT", "180");
            Path projectRoot = Path.of("").toAbsolutePath().resolve("../..").normalize();
            LaunchConfig config = LaunchConfig.fromEnvironment(env, projectRoot, Optional.empty());
            Supervisor supervisor = new Supervisor(config.stopGrace());
            try {
                new Launcher(config, supervisor, Infrastructure.embedded()).start();
            } catch (RuntimeException e) {
                supervisor.close(); // leave no PostgreSQL or service process behind a failed start
                throw e;
            }
            return new RunningSystem(config, supervisor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServiceProcess service(String name) {
        return supervisor.services().stream().filter(s -> s.name().equals(name) && s.isAlive()).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    /** Kills a service at once (no graceful shutdown), as a crash would. */
    void crash(String name) throws InterruptedException {
        ServiceProcess service = service(name);
        service.process().destroyForcibly().waitFor();
    }

    /** Starts the service again and waits for its health (the crashed process stays in the supervisor's list). */
    void restart(ServiceSpec spec) throws InterruptedException {
        ServiceProcess restarted = supervisor.start(spec);
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!restarted.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited during restart: " + restarted.tail());
            }
            try {
                if (send(HttpRequest.newBuilder(spec.healthUri()).timeout(Duration.ofSeconds(2)).GET().build()).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYetListening) {
                // keep polling
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(spec.name() + " did not become healthy again: " + restarted.tail());
    }

    HttpResponse<String> post(String path, String user, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + config.commandPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", basic(user))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Posts and insists on a 2xx answer. */
    JsonNode command(String path, String user, String json, String... headers) {
        HttpResponse<String> response = post(path, user, json, headers);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    HttpResponse<String> get(String path, String user, String accept) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + config.queryPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user))
                .header("Accept", accept)
                .GET().build());
    }

    JsonNode view(String path) {
        HttpResponse<String> response = get(path, "auditor", "application/json");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + config.postgresPort() + "/mediation_ledger",
                "postgres", "postgres");
    }

    String commandUri() {
        return "http://localhost:" + config.commandPort();
    }

    String queryUri() {
        return "http://localhost:" + config.queryPort();
    }

    String consoleUri() {
        return "http://localhost:" + config.consolePort();
    }

    String bootstrapServers() {
        return "localhost:" + config.kafkaPort();
    }

    /** Reads the event topic from its start until {@code done} holds or {@code atMost} has passed. */
    List<ConsumerRecord<String, String>> consume(Predicate<List<ConsumerRecord<String, String>>> done, Duration atMost) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(PublishedEvent.TOPIC));
            long deadline = System.nanoTime() + atMost.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    String logsOf(String service) throws IOException {
        return Files.readString(config.logsDir().resolve(service + ".log"), StandardCharsets.UTF_8);
    }

    /**
     * Stops everything, then deletes the database and the broker's log (tens of MB a system); the
     * services' logs stay beside them in target/systems for whoever reads a failure.
     */
    @Override
    public void close() {
        supervisor.close();
        for (String data : List.of("postgres", "kafka")) {
            deleteTree(config.dataDir().resolve(data));
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        return FreePorts.pick();
    }
}

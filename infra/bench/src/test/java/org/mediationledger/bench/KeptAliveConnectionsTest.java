package org.mediationledger.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's hand-written HTTP/1.1 client against a real HTTP server (the JDK's). */
class KeptAliveConnectionsTest {

    private static final String CASE_NUMBER = "(2025)鲁0203民初77号";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fixed", exchange -> {
            record(exchange);
            byte[] body = ("{\"caseNumber\":\"" + CASE_NUMBER + "\",\"version\":7}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Projection-Position", "42");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(409, 0); // length 0: the JDK's server answers in chunks
            for (int i = 0; i < 3; i++) {
                exchange.getResponseBody().write(("part" + i + "-").getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.close();
        });
        server.start();
    }

    private void record(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        clientPorts.add(exchange.getRemoteAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void postsAndReadsAnswersOfAFixedLengthAndInChunks_overOneKeptAliveConnection() {
        KeptAliveConnections connections = new KeptAliveConnections(base(), Duration.ofSeconds(5));

        Http.Answer fixed = connections.post("/fixed", Map.of("Authorization", "Basic x"), "{\"note\":\"" + CASE_NUMBER + "\"}");
        Http.Answer chunked = connections.post("/chunked", Map.of(), "{}");
        Http.Answer again = connections.post("/fixed", Map.of(), "{}");

        assertThat(fixed.status()).isEqualTo(201);
        assertThat(fixed.body()).contains(CASE_NUMBER);
        assertThat(Http.version(fixed.body())).isEqualTo(7);
        assertThat(fixed.projectionPosition()).isEqualTo("42");
        assertThat(chunked.status()).isEqualTo(409);
        assertThat(chunked.body()).isEqualTo("part0-part1-part2-");
        assertThat(again.status()).isEqualTo(201);
        assertThat(requests.get(0)).isEqualTo("POST /fixed Basic x {\"note\":\"" + CASE_NUMBER + "\"}");
        assertThat(clientPorts).as("one connection for the three requests").hasSize(3).containsOnly(clientPorts.get(0));
    }

    @Test
    void aServerThatIsNotThere_orGoneUnderAKeptConnection_isNoAnswer() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        KeptAliveConnections nowhere = new KeptAliveConnections(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2));
        assertThat(nowhere.post("/fixed", Map.of(), "{}").status()).isEqualTo(Http.NO_ANSWER);

        KeptAliveConnections connections = new KeptAliveConnections(base(), Duration.ofSeconds(5));
        assertThat(connections.post("/fixed", Map.of(), "{}").status()).isEqualTo(201);
        server.stop(0); // the kept connection dies with the server
        assertThat(connections.post("/fixed", Map.of(), "{}").status()).isEqualTo(Http.NO_ANSWER);
    }
}

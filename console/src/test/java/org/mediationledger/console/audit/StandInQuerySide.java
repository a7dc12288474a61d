package org.mediationledger.console.audit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A query side on the JDK's HTTP server answering what a test sets up, by method and path (the query
 * string left out), and remembering each request it got. Only the auditor's credentials are let in,
 * and those of the users a test admits.
 */
public final class StandInQuerySide implements AutoCloseable {

    public static final String AUDITOR = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8));

    /** What it got: method, path with query, the Accept header. */
    public record Received(String method, String pathAndQuery, String accept) {
    }

    /** What it answers. */
    public record Canned(int status, String contentType, byte[] body) {

        public static Canned json(int status, String json) {
            return new Canned(status, status >= 400 ? "application/problem+json" : "application/json",
                    json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> admitted = ConcurrentHashMap.newKeySet(); // Authorization headers


    public StandInQuerySide() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** {@code accept} null: any; else only requests asking for it (the report as JSON or as CSV). */
    public void answer(String method, String path, String accept, Canned canned) {
        answers.put(key(method, path, accept), canned);
    }

    public void answer(String method, String path, Canned canned) {
        answer(method, path, null, canned);
    }

    /** Lets a demo user in beside the auditor. */
    public void admit(String user) {
        admitted.add("Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public void forget() {
        received.clear();
    }

    private static String key(String method, String path, String accept) {
        return method + " " + path + (accept == null ? "" : " " + accept);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        received.add(new Received(method, exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()), accept));
        Canned canned;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!AUDITOR.equals(authorization) && !admitted.contains(authorization)) {
            canned = Canned.json(401, "{\"status\":401,\"title\":\"Unauthorized\"}");
        } else {
            canned = answers.getOrDefault(key(method, path, accept), answers.getOrDefault(key(method, path, null),
                    Canned.json(404, "{\"status\":404,\"title\":\"Not found\",\"detail\":\"no " + path + " here\"}")));
        }
        exchange.getResponseHeaders().add("Content-Type", canned.contentType());
        exchange.sendResponseHeaders(canned.status(), canned.body().length == 0 ? -1 : canned.body().length);
        if (canned.body().length > 0) {
            exchange.getResponseBody().write(canned.body());
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

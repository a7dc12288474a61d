package org.mediationledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The two services over HTTP/1.1 with HTTP Basic, the way any script would call them: commands over
 * kept-alive sockets of {@link KeptAliveConnections} (cheap on the CPU the system under test shares),
 * reads through the JDK's HttpClient.
 */
final class Http {

    /** Status used for a request that got no HTTP answer at all (timeout, refused, reset). */
    static final int NO_ANSWER = -1;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Answer(int status, String body, String projectionPosition) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final KeptAliveConnections commands;
    private final String commandUrl;
    private final String queryUrl;
    private final String password;
    private final Map<String, String> authorization = new HashMap<>();

    Http(String commandUrl, String queryUrl, String password) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.commandUrl = strip(commandUrl);
        this.commands = new KeptAliveConnections(URI.create(this.commandUrl), TIMEOUT);
        this.queryUrl = strip(queryUrl);
        this.password = password;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private synchronized String authorization(String user) {
        return authorization.computeIfAbsent(user, u -> "Basic " + Base64.getEncoder()
                .encodeToString((u + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A command; an {@code idempotencyKey} of null sends none. */
    Answer command(String path, String user, String json, String idempotencyKey) {
        Map<String, String> headers = idempotencyKey == null ? Map.of("Authorization", authorization(user))
                : Map.of("Authorization", authorization(user), "Idempotency-Key", idempotencyKey);
        return commands.post(path, headers, json);
    }

    /** A read from the query side. */
    Answer view(String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(queryUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization(user))
                .GET().build());
    }

    /** {@code GET /actuator/health} of one side, without credentials. */
    int health(boolean commandSide) {
        return send(HttpRequest.newBuilder(URI.create((commandSide ? commandUrl : queryUrl) + "/actuator/health"))
                .timeout(TIMEOUT).GET().build()).status();
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("X-Projection-Position").orElse(null));
        } catch (IOException e) {
            return new Answer(NO_ANSWER, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, "interrupted", null);
        }
    }

    /** The {@code "version"} of a command answer or case file (top level), or -1. */
    static long version(String json) {
        int i = json == null ? -1 : json.lastIndexOf("\"version\":");
        if (i < 0) {
            return -1;
        }
        int p = i + "\"version\":".length();
        while (p < json.length() && json.charAt(p) == ' ') {
            p++;
        }
        int start = p;
        while (p < json.length() && Character.isDigit(json.charAt(p))) {
            p++;
        }
        return p == start ? -1 : Long.parseLong(json.substring(start, p));
    }
}

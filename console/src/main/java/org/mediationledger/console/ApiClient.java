package org.mediationledger.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Calls the services' HTTP APIs with the caller's credentials (HTTP Basic). Neither the credentials
 * nor the Authorization header are logged anywhere.
 */
@Component
public class ApiClient {

    /** An answer: its status and its JSON body (a missing node when the body was empty or not JSON). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status / 100 == 2;
        }

        /** The query side's views have not reached the version asked for yet; asking again will (409 "Not caught up yet"). */
        public boolean notCaughtUp() {
            return status == 409 && "Not caught up yet".equals(body.path("title").asText());
        }

        /** The problem's {@code detail} (RFC 9457), or its title, or empty. */
        public String problem() {
            String detail = body.path("detail").asText("");
            return detail.isEmpty() ? body.path("title").asText("") : detail;
        }

        /** The problem's detail or title, or at least the status: something to show when a call failed. */
        public String problemOrStatus() {
            String problem = problem();
            return problem.isEmpty() ? String.valueOf(status) : problem;
        }

        /**
         * The problem's {@code errors[]} by the field each names ({@code claimant.idNumber}), so a
         * form shows each beside its input; several for one field are joined.
         */
        public Map<String, String> fieldErrors() {
            Map<String, String> byField = new LinkedHashMap<>();
            body.path("errors").forEach(error -> byField.merge(error.path("field").asText(""),
                    error.path("message").asText(""), (a, b) -> a + "; " + b));
            return byField;
        }
    }

    /** A non-JSON answer (the CSV export): its status, content type and text. */
    public record TextAnswer(int status, String contentType, String body) {
    }

    /** The service could not be reached or did not answer in time. */
    public static class Unreachable extends RuntimeException {
        public Unreachable(String service, Throwable cause) {
            super(service + " did not answer: " + cause.getClass().getSimpleName(), cause);
        }
    }

    private final ConsoleProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;

    public ApiClient(ConsoleProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.callTimeout()).build();
    }

    /** Each element of a JSON array of an answer, read as {@code type}. */
    public <T> List<T> rows(JsonNode array, Class<T> type) {
        List<T> rows = new ArrayList<>();
        array.forEach(node -> rows.add(json.convertValue(node, type)));
        return rows;
    }

    /** GET on the query side; {@code query} pairs with blank values are left out. */
    public Answer query(Credentials who, String path, Map<String, String> query) {
        return get(properties.queryUrl(), who, path + queryString(query), "query side");
    }

    public Answer query(Credentials who, String path) {
        return query(who, path, Map.of());
    }

    /** GET on the query side asking for {@code accept} (as {@code text/csv}), answered as text. */
    public TextAnswer queryText(Credentials who, String path, Map<String, String> query, String accept) {
        HttpRequest request = request(properties.queryUrl(), who, path + queryString(query))
                .header("Accept", accept).GET().build();
        HttpResponse<byte[]> response = send(request, "query side");
        return new TextAnswer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                new String(response.body(), StandardCharsets.UTF_8));
    }

    /**
     * POST a command to the command side. {@code idempotencyKey} is the form's own key, made when the
     * form was shown, so a form sent twice (a double click, a reload) is recorded once.
     */
    public Answer command(Credentials who, String path, Object body, String idempotencyKey) {
        return command(who, path, body, idempotencyKey, null);
    }

    /**
     * As above, sent only if the case is still at {@code expectedVersion} (the version the user saw
     * when the form was shown): a case changed meanwhile answers 409 rather than losing an update.
     */
    public Answer command(Credentials who, String path, Object body, String idempotencyKey, Long expectedVersion) {
        return post(properties.commandUrl(), who, path, body, idempotencyKey, expectedVersion, "command side");
    }

    /** POST on the query side (the auditor's rebuilds and their switch). */
    public Answer queryPost(Credentials who, String path, Object body) {
        return post(properties.queryUrl(), who, path, body, null, null, "query side");
    }

    private Answer post(URI base, Credentials who, String path, Object body, String idempotencyKey,
                        Long expectedVersion, String service) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body == null ? json.createObjectNode() : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
        HttpRequest.Builder request = request(base, who, path)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (expectedVersion != null) {
            request.header("If-Match", "\"" + expectedVersion + "\"");
        }
        HttpResponse<byte[]> response = send(request.build(), service);
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private Answer get(URI base, Credentials who, String pathAndQuery, String service) {
        HttpRequest request = request(base, who, pathAndQuery).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = send(request, service);
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private HttpRequest.Builder request(URI base, Credentials who, String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(properties.callTimeout())
                .header("Authorization", who.basicAuthorization());
    }

    private HttpResponse<byte[]> send(HttpRequest request, String service) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unreachable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(service, e);
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return json.missingNode();
        }
    }

    static String queryString(Map<String, String> query) {
        Map<String, String> present = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                present.put(k, v.trim());
            }
        });
        if (present.isEmpty()) {
            return "";
        }
        return present.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }
}

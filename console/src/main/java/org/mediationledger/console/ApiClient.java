package org.mediationledger.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

        /** The problem's {@code detail} (RFC 9457), or its title, or empty. */
        public String problem() {
            String detail = body.path("detail").asText("");
            return detail.isEmpty() ? body.path("title").asText("") : detail;
        }
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

    /** GET on the query side; {@code query} pairs with blank values are left out. */
    public Answer query(Credentials who, String path, Map<String, String> query) {
        return get(properties.queryUrl(), who, path + queryString(query), "query side");
    }

    public Answer query(Credentials who, String path) {
        return query(who, path, Map.of());
    }

    private Answer get(URI base, Credentials who, String pathAndQuery, String service) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(properties.callTimeout())
                .header("Authorization", who.basicAuthorization())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unreachable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(service, e);
        }
        return new Answer(response.statusCode(), parse(response.body()));
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

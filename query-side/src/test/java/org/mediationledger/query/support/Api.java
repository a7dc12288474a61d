package org.mediationledger.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain HTTP client for the query side under test, signed in with HTTP Basic unless asked not to (or for a bearer token). */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String path) {
        return get(path, QuerySideUnderTest.USER, QuerySideUnderTest.PASSWORD, "application/json");
    }

    public HttpResponse<String> getAccepting(String path, String accept) {
        return get(path, QuerySideUnderTest.USER, QuerySideUnderTest.PASSWORD, accept);
    }

    public HttpResponse<String> getAnonymously(String path) {
        return get(path, null, null, "application/json");
    }

    public HttpResponse<String> get(String path, String user, String password, String accept) {
        return send(path, user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), accept);
    }

    /** A GET signed in with an OIDC bearer token. */
    public HttpResponse<String> getWithToken(String path, String token) {
        return send(path, "Bearer " + token, "application/json");
    }

    private HttpResponse<String> send(String path, String authorization, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body of a GET that must answer 200. */
    public JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.mediationledger.command.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Posts JSON to a command side under test as one of the demo accounts (password {@code demo}). */
final class DemoClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    DemoClient(int port) {
        this.port = port;
    }

    HttpResponse<String> post(String path, String account, String json) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((account + ":demo").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + credentials)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

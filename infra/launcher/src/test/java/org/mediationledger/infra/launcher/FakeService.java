package org.mediationledger.infra.launcher;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a service jar in launcher tests: prints its ML_* environment, listens on
 * SERVER_PORT and answers /actuator/health with 503 for the first three requests, then 200.
 * -Dfake.mode=unhealthy: always 503; exit: exits with code 3 at once; stubborn: ignores SIGTERM.
 * Uses only the JDK, so its class file alone makes an executable jar.
 */
public final class FakeService {

    public static void main(String[] args) throws IOException {
        String mode = System.getProperty("fake.mode", "healthy");
        if (mode.equals("exit")) {
            System.out.println("fake: failing on purpose");
            System.exit(3);
        }
        System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("ML_") || e.getKey().equals("SERVER_PORT"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println("ENV " + e.getKey() + "=" + e.getValue()));
        System.out.println("fake: case (2025)鲁0203民初77号");

        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/actuator/health", exchange -> {
            boolean up = !mode.equals("unhealthy") && requests.incrementAndGet() > 3;
            int status = up ? 200 : 503;
            System.out.println("fake: health " + status);
            byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake: SIGTERM received, stopping");
            if (mode.equals("stubborn")) {
                awaitForever();
            }
            server.stop(0);
        }));
        server.start();
        System.out.println("fake: listening on " + port);
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

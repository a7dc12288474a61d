package org.mediationledger.query.support;

import org.mediationledger.query.QuerySideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties that point a query side at the embedded servers, with a database, topic and
 * consumer group of its own, so test classes never see each other's events.
 */
public final class QuerySideUnderTest {

    public static final String USER = "auditor";
    public static final String PASSWORD = "test-password";

    private QuerySideUnderTest() {
    }

    /** @param topic the event topic; {@code mediation.events} for the one class that proves the default */
    public static Map<String, Object> properties(String database, String topic) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", TestDatabase.create(database));
        properties.put("spring.datasource.username", EmbeddedServers.postgres().username());
        properties.put("spring.datasource.password", EmbeddedServers.postgres().password());
        properties.put("ml.kafka.bootstrap", EmbeddedServers.kafka().bootstrapServers());
        properties.put("ml.query-side.topic", topic);
        properties.put("ml.query-side.group", "query-side-" + database);
        properties.put("ml.query-side.poll-timeout", "100ms");
        properties.put("ml.query-side.retry-backoff-initial", "100ms");
        properties.put("ml.query-side.retry-backoff-max", "1s");
        properties.put("ml.demo-accounts.enabled", "true");
        properties.put("ml.demo-accounts.password", PASSWORD);
        return properties;
    }

    public static void register(DynamicPropertyRegistry registry, String database, String topic) {
        properties(database, topic).forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * Starts a query side outside the test's own Spring context (e.g. to stop and start it), on a
     * free HTTP port; {@code overrides} replace or add properties.
     */
    public static ConfigurableApplicationContext start(String database, String topic, Map<String, Object> overrides) {
        Map<String, Object> properties = properties(database, topic);
        properties.put("server.port", 0);
        properties.putAll(overrides);
        // command-line arguments, because they take precedence over application.yml
        return new SpringApplicationBuilder(QuerySideApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}

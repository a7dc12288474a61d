package org.mediationledger.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests switch metrics export off unless asked; this class asks, to see /actuator/prometheus. */
@AutoConfigureObservability(tracing = false)
class SecurityAndHealthTest extends ProjectionTestBase {

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "security_health", "mediation.events.security-health");
    }

    @Test
    void readWithoutCredentials_isUnauthorizedProblem() {
        HttpResponse<String> response = api.getAnonymously("/api/cases");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mediation-ledger\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Api.parse(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asText()).contains("HTTP Basic");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/cases");
    }

    @Test
    void wrongPassword_orUnknownUser_isUnauthorized() {
        assertThat(api.get("/api/caseload", "staff", "wrong", "application/json").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/caseload", "lawyer21", QuerySideUnderTest.PASSWORD, "application/json").statusCode())
                .isEqualTo(401);
        assertThat(api.getAnonymously("/api/cases/anything").statusCode()).isEqualTo(401);
        assertThat(api.getAnonymously("/api/reports/recovered-wages").statusCode()).isEqualTo(401);
    }

    @Test
    void everyDemoAccount_mayReadTheCaseList_andNoSessionCookieIsSet() {
        for (String user : List.of("staff", "lawyer1", "lawyer20", "court1", "court2", "auditor")) {
            for (int attempt = 0; attempt < 2; attempt++) {
                HttpResponse<String> response = api.get("/api/cases", user, QuerySideUnderTest.PASSWORD, "application/json");
                assertThat(response.statusCode()).as(user).isEqualTo(200);
                assertThat(response.headers().firstValue("Set-Cookie")).as(user).isEmpty();
            }
        }
    }

    @Test
    void healthInfoAndMetrics_areOpen_andHealthIsUpWithDatabaseAndKafka() {
        HttpResponse<String> health = api.getAnonymously("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Api.parse(health.body()).get("status").asText()).isEqualTo("UP");
        assertThat(api.getAnonymously("/actuator/info").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = api.get("/actuator/prometheus", null, null, "text/plain");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ml_projection_retries_total");
    }

    @Test
    void openApiDocument_isOpen_andDescribesTheViews() {
        HttpResponse<String> document = api.getAnonymously("/v3/api-docs");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/api/reports/recovered-wages").contains("/api/caseload");
    }

    @Test
    void withoutKafka_healthIsDown_andWithoutDemoAccounts_nobodySignsIn() throws IOException {
        try (ConfigurableApplicationContext context = QuerySideUnderTest.start("security_health_no_kafka",
                "mediation.events.security-health-no-kafka", Map.of(
                        "ml.kafka.bootstrap", "localhost:" + closedPort(),
                        "ml.kafka.health-timeout", "500ms",
                        "ml.demo-accounts.enabled", false))) {
            Api unreachable = new Api(QuerySideUnderTest.port(context));
            await().atMost(PATIENCE).untilAsserted(() -> {
                HttpResponse<String> health = unreachable.getAnonymously("/actuator/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(Api.parse(health.body()).get("status").asText()).isEqualTo("DOWN");
            });
            assertThat(unreachable.get("/api/caseload", "staff", QuerySideUnderTest.PASSWORD, "application/json")
                    .statusCode()).isEqualTo(401);
        }
    }

    /** A port nothing listens on: bound, read and released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package org.mediationledger.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediationledger.command.it.CommandSideIntegrationTest.ID_NUMBER;
import static org.mediationledger.command.it.CommandSideIntegrationTest.intake;
import static org.mediationledger.command.it.CommandSideIntegrationTest.payment;

/**
 * OIDC bearer tokens beside HTTP Basic (docs/decisions/0014): the service trusts the public key of a
 * {@link TestIssuer}; a token's role and binding come from its claims and make the same actor as a demo
 * account, so the case's ownership rules apply to it unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // close while Kafka and PostgreSQL still run
class BearerTokenIntegrationTest {

    static final TestIssuer ISSUER = TestIssuer.generate();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", ISSUER::publicKeyLocation);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLawyersToken_writesToTheirOwnCase_boundByItsClaim_andIsRefusedOnAnothersCase() throws Exception {
        String own = caseMediatedBy("lawyer31");
        String others = caseMediatedBy("lawyer32");
        // the subject is the identity provider's id; what the lawyer is bound to is the claim
        String token = ISSUER.token("3f1c9a70-idp-subject", Map.of("ml_role", "LAWYER", "ml_bound_to", "lawyer31"));

        HttpResponse<String> paid = post("/api/cases/" + own + "/payments", bearer(token), payment("bearer-1", 100));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        Map<String, Object> meta = lastMetadata(own);
        assertThat(meta).containsEntry("actorId", "3f1c9a70-idp-subject").containsEntry("actorRole", "LAWYER");

        HttpResponse<String> notTheirs = post("/api/cases/" + others + "/payments", bearer(token), payment("bearer-2", 100));
        assertThat(notTheirs.statusCode()).as(notTheirs.body()).isEqualTo(403);
        assertThat(json(notTheirs).get("title").asText()).isEqualTo("Not yours");

        // preferred_username, when present, is the actor's id on the events
        String named = ISSUER.token("3f1c9a70-idp-subject",
                Map.of("preferred_username", "li.na", "ml_role", "LAWYER", "ml_bound_to", "lawyer31"));
        assertThat(post("/api/cases/" + own + "/payments", bearer(named), payment("bearer-3", 100)).statusCode()).isEqualTo(201);
        assertThat(lastMetadata(own)).containsEntry("actorId", "li.na");
    }

    @Test
    void anExpiredToken_orOneSignedByAnotherKey_orGarbage_isUnauthorizedProblem() throws Exception {
        Map<String, Object> staff = Map.of("ml_role", "UNION_STAFF");
        long before = totalEvents();
        for (String token : new String[]{ISSUER.expiredToken("staff-subject", staff),
                TestIssuer.generate().token("staff-subject", staff), "not-a-jwt"}) {
            HttpResponse<String> refused = post("/api/lawyers", bearer(token), lawyer("lawyer39"));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
            assertThat(json(refused).get("status").asInt()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain(token);
        }
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void aTokenWithoutAValidRole_orALawyersWithoutItsBinding_isForbiddenProblem() throws Exception {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(Map.of(), Map.of("ml_role", "ADMIN"),
                Map.of("ml_role", "union_staff"), Map.of("ml_role", "LAWYER"))) {
            String token = ISSUER.token("someone", claims);
            HttpResponse<String> refused = post("/api/lawyers", bearer(token), lawyer("lawyer38"));
            assertThat(refused.statusCode()).as(claims.toString()).isEqualTo(403);
            assertThat(json(refused).get("detail").asText()).contains("ml_role");
        }
        String lawyerWithoutBinding = ISSUER.token("someone", Map.of("ml_role", "LAWYER"));
        String mediated = caseMediatedBy("lawyer33");
        assertThat(post("/api/cases/" + mediated + "/payments", bearer(lawyerWithoutBinding), payment("unbound", 100)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void basicStillWorks_andAMissingSignInIsChallengedForBoth() throws Exception {
        assertThat(post("/api/lawyers", basic("staff"), lawyer("lawyer34")).statusCode()).isEqualTo(201);
        String staffToken = ISSUER.token("staff-subject", Map.of("ml_role", "UNION_STAFF", "ml_bound_to", "ignored"));
        assertThat(post("/api/lawyers", bearer(staffToken), lawyer("lawyer35")).statusCode()).isEqualTo(201);

        HttpResponse<String> anonymous = post("/api/lawyers", null, lawyer("lawyer36"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"mediation-ledger\"", "Bearer realm=\"mediation-ledger\"");
        assertThat(post("/api/lawyers", basic("lawyer1"), lawyer("lawyer37")).statusCode()).isEqualTo(403);
    }

    private String caseMediatedBy(String lawyerId) throws Exception {
        post("/api/lawyers", basic("staff"), lawyer(lawyerId));
        String caseId = UUID.randomUUID().toString();
        HttpResponse<String> registered = post("/api/cases", basic("staff"), intake(caseId, ID_NUMBER, 100_000));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> assigned = post("/api/cases/" + caseId + "/mediator", basic("staff"),
                "{\"lawyerId\":\"" + lawyerId + "\",\"receivedOn\":\"2025-06-03\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        return caseId;
    }

    private Map<String, Object> lastMetadata(String caseId) throws Exception {
        String meta = jdbc.queryForObject("SELECT convert_from(metaData, 'UTF8') FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber DESC LIMIT 1", String.class, caseId);
        return JSON.readValue(meta, Map.class);
    }

    private long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    private static String lawyer(String lawyerId) {
        return "{\"lawyerId\":\"" + lawyerId + "\",\"name\":\"王芳\",\"maxActiveCases\":5}";
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String basic(String account) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((account + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

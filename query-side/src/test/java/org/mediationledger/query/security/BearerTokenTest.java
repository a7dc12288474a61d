package org.mediationledger.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.LawyerEvents;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.TestIssuer;
import org.mediationledger.query.support.Worker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC bearer tokens beside HTTP Basic (docs/decisions/0014): the query side trusts the public key of a
 * {@link TestIssuer}; a token's reads are bounded by its binding claim, exactly as a demo account's by its
 * name, never by the token's subject.
 */
class BearerTokenTest extends ProjectionTestBase {

    static final TestIssuer ISSUER = TestIssuer.generate();

    private static boolean published;
    private static CaseStory fromCourt1;
    private static CaseStory fromCourt2;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "bearer_tokens", "mediation.events.bearer-tokens");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", ISSUER::publicKeyLocation);
    }

    @BeforeEach
    void twoCases() {
        if (published) {
            return;
        }
        fromCourt1 = new CaseStory();
        fromCourt2 = new CaseStory();
        List<PublishedEvent> sent = new ArrayList<>();
        sent.add(LawyerEvents.registered("lawyer3", "律师3", 5));
        sent.add(LawyerEvents.registered("lawyer6", "律师6", 5));
        sent.add(register(fromCourt1, "370203199001011011"));
        sent.add(fromCourt1.referredByCourt("court1", "(2025)鲁0203民初77号", LocalDate.of(2025, 6, 1)));
        sent.add(fromCourt1.mediatorAssigned("lawyer3", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 17), null));
        sent.add(register(fromCourt2, "370203199001011012"));
        sent.add(fromCourt2.referredByCourt("court2", "(2025)鲁0212民初88号", LocalDate.of(2025, 6, 1)));
        sent.add(fromCourt2.mediatorAssigned("lawyer6", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 17), null));
        publishAndAwait(sent);
        published = true;
    }

    @Test
    void aLawyersToken_readsTheCasesOfTheLawyerItsClaimNames() {
        // the subject is the identity provider's id; the claim binds the reader to lawyer3
        String token = ISSUER.token("lawyer6", Map.of("ml_role", "LAWYER", "ml_bound_to", "lawyer3"));

        assertThat(api.getWithToken("/api/cases/" + fromCourt1.caseId(), token).statusCode()).isEqualTo(200);
        assertThat(api.getWithToken("/api/cases/" + fromCourt2.caseId(), token).statusCode()).isEqualTo(403);
        assertThat(ids(token, "/api/cases")).containsExactly(fromCourt1.caseId());
        JsonNode lines = json(token, "/api/caseload").get("lawyers");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("lawyerId").asText()).isEqualTo("lawyer3");
    }

    @Test
    void aCourtsToken_readsItsOwnCourtsReferralsOnly() {
        String token = ISSUER.token("4d2e-idp-subject", Map.of("preferred_username", "court.officer", "ml_role", "COURT_LIAISON",
                "ml_bound_to", "court2"));

        assertThat(api.getWithToken("/api/cases/" + fromCourt2.caseId(), token).statusCode()).isEqualTo(200);
        assertThat(api.getWithToken("/api/cases/" + fromCourt1.caseId(), token).statusCode()).isEqualTo(403);
        assertThat(ids(token, "/api/cases")).containsExactly(fromCourt2.caseId());
        assertThat(api.getWithToken("/api/reports/recovered-wages", token).statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredToken_orOneSignedByAnotherKey_orGarbage_isUnauthorizedProblem() {
        Map<String, Object> auditor = Map.of("ml_role", "AUDITOR");
        for (String token : List.of(ISSUER.expiredToken("auditor-subject", auditor),
                TestIssuer.generate().token("auditor-subject", auditor), "not-a-jwt")) {
            HttpResponse<String> refused = api.getWithToken("/api/cases", token);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("invalid_token"));
            JsonNode problem = Api.parse(refused.body());
            assertThat(problem.get("status").asInt()).isEqualTo(401);
            assertThat(problem.get("instance").asText()).isEqualTo("/api/cases");
            assertThat(refused.body()).doesNotContain(token);
        }
    }

    @Test
    void aTokenWithoutAValidRole_orACourtsWithoutItsBinding_isForbiddenProblem() {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(Map.of(), Map.of("ml_role", "ADMIN"),
                Map.of("ml_role", "COURT_LIAISON"))) {
            HttpResponse<String> refused = api.getWithToken("/api/cases", ISSUER.token("someone", claims));
            assertThat(refused.statusCode()).as(claims.toString()).isEqualTo(403);
            assertThat(Api.parse(refused.body()).get("detail").asText()).contains("ml_role").contains("ml_bound_to");
        }
    }

    @Test
    void basicStillWorks_andAMissingSignInIsChallengedForBoth() {
        assertThat(api.get("/api/cases", "court1", QuerySideUnderTest.PASSWORD, "application/json").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/cases/" + fromCourt2.caseId(), "court1", QuerySideUnderTest.PASSWORD, "application/json")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = api.getAnonymously("/api/cases");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"mediation-ledger\"", "Bearer realm=\"mediation-ledger\"");
        assertThat(Api.parse(anonymous.body()).get("detail").asText()).contains("HTTP Basic").contains("bearer token");
    }

    private PublishedEvent register(CaseStory story, String idNumber) {
        Worker worker = Worker.enrol(db, "工人", idNumber, "13800000000");
        return story.registered(worker, EmploymentForm.LABOR_CONTRACT, DisputeCategory.UNPAID_WAGES, IntakeChannel.COURT_REFERRAL,
                "市北区", 200_000, LocalDate.of(2025, 6, 1));
    }

    private JsonNode json(String token, String path) {
        HttpResponse<String> response = api.getWithToken(path, token);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return Api.parse(response.body());
    }

    private List<String> ids(String token, String path) {
        List<String> ids = new ArrayList<>();
        json(token, path).get("items").forEach(item -> ids.add(item.get("caseId").asText()));
        return ids;
    }
}

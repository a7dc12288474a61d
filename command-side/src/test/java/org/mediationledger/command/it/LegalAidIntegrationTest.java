package org.mediationledger.command.it;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediationledger.command.it.CommandSideIntegrationTest.ID_NUMBER;
import static org.mediationledger.command.it.CommandSideIntegrationTest.intake;

/**
 * Legal aid through the real edge (DOMAIN.md step 5): who may grant it, the automatic choice of the
 * lawyer with the lowest caseload read from the same figures the assignment locks, the refusal when
 * nobody has room, and the mediator released.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // close while Kafka and PostgreSQL still run
class LegalAidIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void legalAid_goesToTheLowestCaseload_releasesTheMediator_andIsRefusedWhenNobodyHasRoom() throws Exception {
        post("/api/lawyers", "staff", "{\"lawyerId\":\"aid-a\",\"name\":\"甲\",\"maxActiveCases\":2}", 201);
        post("/api/lawyers", "staff", "{\"lawyerId\":\"aid-b\",\"name\":\"乙\",\"maxActiveCases\":1}", 201);

        // aid-a mediates the first case and fails; legal aid then goes to aid-b, who has none
        String first = UUID.randomUUID().toString();
        post("/api/cases", "staff", intake(first, ID_NUMBER, 500_000), 201);
        post("/api/cases/" + first + "/mediator", "staff", "{\"lawyerId\":\"aid-a\",\"receivedOn\":\"2025-06-03\"}", 200);
        post("/api/cases/" + first + "/mediation-failure", "aid-a", "{\"reason\":\"雇主拒绝\",\"failedOn\":\"2025-06-05\"}", 200);
        assertThat(activeCases("aid-a")).isEqualTo(1);

        HttpResponse<String> lawyerTries = send("/api/cases/" + first + "/legal-aid", "aid-a", "{\"basis\":\"HARDSHIP\"}");
        assertThat(lawyerTries.statusCode()).as("only union staff grant legal aid").isEqualTo(403);

        post("/api/cases/" + first + "/legal-aid-application", "aid-a", "{\"appliedOn\":\"2025-06-06\"}", 200);
        post("/api/cases/" + first + "/legal-aid", "staff", "{\"basis\":\"MIGRANT_WORKER_WAGE_CLAIM\",\"decidedOn\":\"2025-06-08\"}", 200);
        assertThat(jdbc.queryForObject("SELECT lawyer_id FROM case_responsibility WHERE case_id = ?", String.class, first))
                .isEqualTo("aid-b");
        assertThat(activeCases("aid-a")).as("the mediator is released").isZero();
        assertThat(activeCases("aid-b")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%.LegalAidAssigned'", Integer.class, first)).isEqualTo(1);

        // the same request again is a retry: nothing moves
        post("/api/cases/" + first + "/legal-aid", "staff", "{\"basis\":\"MIGRANT_WORKER_WAGE_CLAIM\",\"decidedOn\":\"2025-06-08\"}", 200);
        assertThat(activeCases("aid-b")).isEqualTo(1);

        // aid-b is now full, aid-a has room for two: the next two go to aid-a, the third finds nobody
        for (int i = 0; i < 2; i++) {
            String next = UUID.randomUUID().toString();
            post("/api/cases", "staff", intake(next, ID_NUMBER, 300_000), 201);
            post("/api/cases/" + next + "/legal-aid", "staff", "{\"basis\":\"HARDSHIP\"}", 200);
        }
        assertThat(activeCases("aid-a")).isEqualTo(2);
        String third = UUID.randomUUID().toString();
        post("/api/cases", "staff", intake(third, ID_NUMBER, 300_000), 201);
        HttpResponse<String> nobody = send("/api/cases/" + third + "/legal-aid", "staff", "{\"basis\":\"HARDSHIP\"}");
        assertThat(nobody.statusCode()).isEqualTo(409);
        assertThat(nobody.body()).contains("lawyerId").contains("every lawyer is at their limit");

        // staff may still name a lawyer beyond the limit, with the reason recorded
        HttpResponse<String> withoutReason = send("/api/cases/" + third + "/legal-aid", "staff",
                "{\"lawyerId\":\"aid-b\",\"basis\":\"HARDSHIP\"}");
        assertThat(withoutReason.statusCode()).isEqualTo(409);
        assertThat(withoutReason.body()).contains("overLimitReason");
        post("/api/cases/" + third + "/legal-aid", "staff",
                "{\"lawyerId\":\"aid-b\",\"basis\":\"HARDSHIP\",\"overLimitReason\":\"熟悉该用工平台\"}", 200);
        assertThat(activeCases("aid-b")).isEqualTo(2);

        HttpResponse<String> noBasis = send("/api/cases/" + third + "/legal-aid", "staff", "{}");
        assertThat(noBasis.statusCode()).isEqualTo(400);
        assertThat(noBasis.body()).contains("basis");
    }

    private int activeCases(String lawyerId) {
        return jdbc.queryForObject("SELECT active_cases FROM lawyer_caseload WHERE lawyer_id = ?", Integer.class, lawyerId);
    }

    private void post(String path, String user, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(path, user, json);
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(expectedStatus);
    }

    private DemoClient client;

    private DemoClient client() {
        if (client == null) {
            client = new DemoClient(port);
        }
        return client;
    }

    private HttpResponse<String> send(String path, String user, String json) throws Exception {
        // the aid-* lawyers of this test act through the demo account lawyer1 (ownership is issue 4)
        return client().post(path, user.startsWith("aid-") ? "lawyer1" : user, json);
    }
}

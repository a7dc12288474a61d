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
        post("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer11\",\"name\":\"甲\",\"maxActiveCases\":2}", 201);
        post("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer12\",\"name\":\"乙\",\"maxActiveCases\":1}", 201);

        // lawyer11 mediates the first case and fails; legal aid then goes to lawyer12, who has none
        String first = UUID.randomUUID().toString();
        post("/api/cases", "staff", intake(first, ID_NUMBER, 500_000), 201);
        post("/api/cases/" + first + "/mediator", "staff", "{\"lawyerId\":\"lawyer11\",\"receivedOn\":\"2025-06-03\"}", 200);
        post("/api/cases/" + first + "/mediation-failure", "lawyer11", "{\"reason\":\"雇主拒绝\",\"failedOn\":\"2025-06-05\"}", 200);
        assertThat(activeCases("lawyer11")).isEqualTo(1);

        HttpResponse<String> lawyerTries = send("/api/cases/" + first + "/legal-aid", "lawyer11", "{\"basis\":\"HARDSHIP\"}");
        assertThat(lawyerTries.statusCode()).as("only union staff grant legal aid").isEqualTo(403);

        HttpResponse<String> notTheirs = send("/api/cases/" + first + "/legal-aid-application", "lawyer12", "{\"appliedOn\":\"2025-06-06\"}");
        assertThat(notTheirs.statusCode()).as("only the responsible lawyer applies on the worker's behalf").isEqualTo(403);
        post("/api/cases/" + first + "/legal-aid-application", "lawyer11", "{\"appliedOn\":\"2025-06-06\"}", 200);
        post("/api/cases/" + first + "/legal-aid", "staff", "{\"basis\":\"MIGRANT_WORKER_WAGE_CLAIM\",\"decidedOn\":\"2025-06-08\"}", 200);
        assertThat(jdbc.queryForObject("SELECT lawyer_id FROM case_responsibility WHERE case_id = ?", String.class, first))
                .isEqualTo("lawyer12");
        assertThat(activeCases("lawyer11")).as("the mediator is released").isZero();
        assertThat(activeCases("lawyer12")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%.LegalAidAssigned'", Integer.class, first)).isEqualTo(1);

        // the same request again is a retry: nothing moves
        post("/api/cases/" + first + "/legal-aid", "staff", "{\"basis\":\"MIGRANT_WORKER_WAGE_CLAIM\",\"decidedOn\":\"2025-06-08\"}", 200);
        assertThat(activeCases("lawyer12")).isEqualTo(1);

        // lawyer12 is now full, lawyer11 has room for two: the next two go to lawyer11, the third finds nobody
        for (int i = 0; i < 2; i++) {
            String next = UUID.randomUUID().toString();
            post("/api/cases", "staff", intake(next, ID_NUMBER, 300_000), 201);
            post("/api/cases/" + next + "/legal-aid", "staff", "{\"basis\":\"HARDSHIP\"}", 200);
        }
        assertThat(activeCases("lawyer11")).isEqualTo(2);
        String third = UUID.randomUUID().toString();
        post("/api/cases", "staff", intake(third, ID_NUMBER, 300_000), 201);
        HttpResponse<String> nobody = send("/api/cases/" + third + "/legal-aid", "staff", "{\"basis\":\"HARDSHIP\"}");
        assertThat(nobody.statusCode()).isEqualTo(409);
        assertThat(nobody.body()).contains("lawyerId").contains("every lawyer is at their limit");

        // staff may still name a lawyer beyond the limit, with the reason recorded
        HttpResponse<String> withoutReason = send("/api/cases/" + third + "/legal-aid", "staff",
                "{\"lawyerId\":\"lawyer12\",\"basis\":\"HARDSHIP\"}");
        assertThat(withoutReason.statusCode()).isEqualTo(409);
        assertThat(withoutReason.body()).contains("overLimitReason");
        post("/api/cases/" + third + "/legal-aid", "staff",
                "{\"lawyerId\":\"lawyer12\",\"basis\":\"HARDSHIP\",\"overLimitReason\":\"熟悉该用工平台\"}", 200);
        assertThat(activeCases("lawyer12")).isEqualTo(2);

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
        return client().post(path, user, json);
    }
}

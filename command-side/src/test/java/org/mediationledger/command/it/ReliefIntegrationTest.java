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
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mediationledger.command.it.CommandSideIntegrationTest.ID_NUMBER;
import static org.mediationledger.command.it.CommandSideIntegrationTest.intake;

/**
 * Relief through the real edge and Axon's JDBC saga store on PostgreSQL (DOMAIN.md step 8): a fund set up
 * and funded over HTTP, an application decided by the saga, a payout recorded on both sides, a later
 * payment repaying the fund first, and an application to a fund that does not exist rejected with a reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // close while Kafka and PostgreSQL still run
class ReliefIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void application_isReservedApprovedAndPaid_andALaterPaymentRepaysTheFundFirst() throws Exception {
        String fund = UUID.randomUUID().toString();
        expect(201, "/api/relief-funds", "staff", "{\"fundId\":\"" + fund + "\",\"name\":\"市北区职工兜底救助基金\",\"perWorkerCapFen\":300000,"
                + "\"establishedOn\":\"2025-01-02\"}");
        expect(200, "/api/relief-funds/" + fund + "/contributions", "staff", "{\"contributionId\":\"" + UUID.randomUUID() + "\","
                + "\"contributor\":\"青岛某某物流有限公司\",\"amountFen\":5000000,\"receivedOn\":\"2025-01-10\"}");
        String caseId = caseWithEnforcementTerminated();

        assertThat(send("/api/cases/" + caseId + "/relief-application", "court1", application(fund)).statusCode())
                .as("only lawyers apply for relief").isEqualTo(403);
        expect(202, "/api/cases/" + caseId + "/relief-application", "lawyer1", application(fund));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(eventTypes(caseId)).endsWith("ReliefApplied", "ReliefApproved", "ReliefPaid"));
        assertThat(eventTypes(fund)).containsExactly("ReliefFundEstablished", "ContributionReceived", "ReliefReserved", "ReliefPaidOut");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%.ReliefPaid'", String.class, caseId)).contains("\"amountFen\":300000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM SagaEntry", Integer.class)).as("the saga waits for repayments").isEqualTo(1);
        assertThat(actorOf(caseId, "ReliefApplied")).isEqualTo("lawyer1/LAWYER");
        assertThat(actorOf(caseId, "ReliefApproved")).as("the saga's steps are the system's").isEqualTo("system:relief-saga/SYSTEM");
        assertThat(actorOf(fund, "ReliefPaidOut")).isEqualTo("system:relief-saga/SYSTEM");

        expect(201, "/api/cases/" + caseId + "/payments", "lawyer1", "{\"paymentId\":\"late-1\",\"amountFen\":200000,"
                + "\"paidOn\":\"2025-11-03\",\"source\":\"COURT_ENFORCEMENT\"}");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(eventTypes(fund)).endsWith("ReliefRecoveryReceived"));
        assertThat(eventTypes(caseId)).endsWith("WagePaymentRecorded", "ReliefRecovered");
    }

    @Test
    void applicationToAFundThatDoesNotExist_isRejectedWithAReason() throws Exception {
        String caseId = caseWithEnforcementTerminated();
        expect(202, "/api/cases/" + caseId + "/relief-application", "lawyer1", application(UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(eventTypes(caseId)).endsWith("ReliefRejected"));
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%.ReliefRejected'", String.class, caseId)).contains("FUND_UNKNOWN");
    }

    @Test
    void fundEndpoints_refuseBadInput_unknownFunds_andOtherRoles() throws Exception {
        assertThat(send("/api/relief-funds", "staff", "{\"fundId\":\"not-a-uuid\",\"name\":\"x\",\"perWorkerCapFen\":1}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> noCap = send("/api/relief-funds", "staff", "{\"fundId\":\"" + UUID.randomUUID() + "\",\"name\":\"x\",\"perWorkerCapFen\":0}");
        assertThat(noCap.statusCode()).isEqualTo(400);
        assertThat(noCap.body()).contains("perWorkerCapFen");
        assertThat(send("/api/relief-funds", "lawyer1", "{\"fundId\":\"" + UUID.randomUUID() + "\",\"name\":\"x\",\"perWorkerCapFen\":1}")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = send("/api/relief-funds/" + UUID.randomUUID() + "/contributions", "staff",
                "{\"contributionId\":\"" + UUID.randomUUID() + "\",\"contributor\":\"某公司\",\"amountFen\":100,\"receivedOn\":\"2025-01-10\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("relief fund");
    }

    /** Mediated in vain, awarded 6,000 yuan, and enforcement ended with all of it outstanding. */
    private String caseWithEnforcementTerminated() throws Exception {
        send("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":50}");
        String caseId = UUID.randomUUID().toString();
        expect(201, "/api/cases", "staff", intake(caseId, ID_NUMBER, 600_000));
        expect(200, "/api/cases/" + caseId + "/mediator", "staff", "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"2025-06-03\"}");
        expect(200, "/api/cases/" + caseId + "/mediation-failure", "lawyer1", "{\"reason\":\"雇主失联\",\"failedOn\":\"2025-06-05\"}");
        expect(200, "/api/cases/" + caseId + "/award", "lawyer1", "{\"kind\":\"ARBITRATION_AWARD\",\"enforceableFen\":600000,"
                + "\"decidedOn\":\"2025-08-20\",\"reference\":\"青劳人仲案字〔2025〕第101号\"}");
        expect(200, "/api/cases/" + caseId + "/enforcement-termination", "court1", "{\"court\":\"court1\","
                + "\"rulingNumber\":\"(2025)鲁0203执301号之一\",\"terminatedOn\":\"2025-10-20\"}");
        return caseId;
    }

    private static String application(String fund) {
        return "{\"fundId\":\"" + fund + "\",\"requestedFen\":800000,\"hardship\":\"家中老人患病\",\"appliedOn\":\"2025-10-22\"}";
    }

    private List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                String.class, aggregateId).stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private void expect(int status, String path, String user, String json) throws Exception {
        HttpResponse<String> response = send(path, user, json);
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(status);
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

    private String actorOf(String aggregateId, String eventType) {
        return jdbc.queryForObject("SELECT (convert_from(metaData, 'UTF8')::jsonb ->> 'actorId') || '/' || "
                + "(convert_from(metaData, 'UTF8')::jsonb ->> 'actorRole') FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE ?", String.class, aggregateId, "%." + eventType);
    }
}

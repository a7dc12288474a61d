package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fifty relief applications at once against a fund that can pay only some of them (DOMAIN.md step 8):
 * the fund never goes below zero, every application ends approved and paid or rejected with a reason,
 * and the ledger equals contributions - payouts + recoveries exactly, also after an employer's late
 * payment repays the fund first.
 */
class ReliefFundConcurrencyTest extends WholeSystemTest {

    static final String FUND = "5b6c7d8e-0000-4000-8000-00000000f001";
    static final long CAP = 300_000;
    static final long CONTRIBUTED = 3_000_000 + 2_000_000;
    static final int CASES = 50;
    /** Cases 45..49 belong to the workers of cases 1..5 (against other employers); case 0's worker has one case. */
    static final int SHARED_WORKERS = 5;
    static final long SMALL_REQUEST = 120_000;

    @Test
    void fiftyConcurrentApplications_neverOverdrawTheFund_andTheLedgerBalancesExactly() throws Exception {
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer20\",\"name\":\"王律师\",\"maxActiveCases\":100}");
        system.command("/api/relief-funds", "staff", "{\"fundId\":\"" + FUND + "\",\"name\":\"市北区职工兜底救助基金\","
                + "\"perWorkerCapFen\":" + CAP + ",\"establishedOn\":\"2025-01-02\"}");
        system.command("/api/relief-funds/" + FUND + "/contributions", "staff", "{\"contributionId\":\"" + UUID.randomUUID() + "\","
                + "\"contributor\":\"青岛某某物流有限公司\",\"amountFen\":3000000,\"receivedOn\":\"2025-01-10\"}");
        system.command("/api/relief-funds/" + FUND + "/contributions", "staff", "{\"contributionId\":\"" + UUID.randomUUID() + "\","
                + "\"contributor\":\"市总工会\",\"amountFen\":2000000,\"receivedOn\":\"2025-02-01\"}");

        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(caseWithEnforcementTerminated(i));
        }

        // one small application first, alone: it is paid what was asked, below the cap
        apply(cases.get(0), SMALL_REQUEST);
        JsonNode first = awaitDecided(List.of(cases.get(0))).get(cases.get(0));
        assertThat(first.get("relief").get("status").asText()).isEqualTo("PAID");
        assertThat(first.get("reliefPaidFen").asLong()).isEqualTo(SMALL_REQUEST);

        // the other 49 at once, each asking for more than the cap
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String caseId : cases.subList(1, CASES)) {
            answers.add(pool.submit(() -> system.post("/api/cases/" + caseId + "/relief-application", "lawyer20",
                    "{\"fundId\":\"" + FUND + "\",\"requestedFen\":800000,\"hardship\":\"无其他收入来源\"}")));
        }
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(202);
        }
        pool.shutdown();

        Map<String, JsonNode> files = awaitDecided(cases);
        long paid = 0;
        int paidCount = 0;
        Map<String, Integer> rejections = new HashMap<>();
        for (JsonNode file : files.values()) {
            JsonNode relief = file.get("relief");
            if (relief.get("status").asText().equals("PAID")) {
                paid += file.get("reliefPaidFen").asLong();
                paidCount++;
                assertThat(relief.get("amountFen").asLong()).isLessThanOrEqualTo(CAP);
            } else {
                assertThat(relief.get("reason").asText()).as("a rejection says why").isNotBlank();
                rejections.merge(relief.get("reason").asText().split("[^A-Z_]")[0], 1, Integer::sum);
            }
        }
        // 4,880,000 left after the small payout pays exactly 16 capped amounts; workers already paid get nothing more
        assertThat(paidCount).isEqualTo(17);
        assertThat(paid).isEqualTo(SMALL_REQUEST + 16 * CAP);
        assertThat(rejections.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES - 17);
        assertThat(rejections.keySet()).containsAnyOf("INSUFFICIENT_BALANCE").allMatch(reason ->
                reason.equals("INSUFFICIENT_BALANCE") || reason.equals("WORKER_CAP_REACHED"));
        assertNoReservationEverLeftTheFundBelowZero();

        JsonNode ledger = awaitLedger(paid, 0);
        assertThat(ledger.get("contributedFen").asLong()).isEqualTo(CONTRIBUTED);
        assertThat(ledger.get("reservedFen").asLong()).isZero();
        assertThat(ledger.get("availableFen").asLong()).isEqualTo(CONTRIBUTED - paid).isNotNegative();

        // enforcement resumes on a paid case: the employer's payment repays the fund first
        String repaidCase = files.entrySet().stream()
                .filter(e -> e.getValue().get("relief").get("status").asText().equals("PAID")
                        && e.getValue().get("reliefPaidFen").asLong() == CAP)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        system.command("/api/cases/" + repaidCase + "/payments", "lawyer20", "{\"paymentId\":\"" + UUID.randomUUID() + "\","
                + "\"amountFen\":200000,\"paidOn\":\"2025-11-03\",\"source\":\"COURT_ENFORCEMENT\"}");
        JsonNode after = awaitLedger(paid, 200_000);
        assertThat(after.get("availableFen").asLong()).isEqualTo(CONTRIBUTED - paid + 200_000);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(system.view("/api/cases/" + repaidCase).get("relief").get("repaidFen").asLong()).isEqualTo(200_000));
    }

    /** Taken in, mediated in vain, awarded, and enforcement ended with the whole award outstanding. */
    private String caseWithEnforcementTerminated(int i) {
        String caseId = UUID.nameUUIDFromBytes(("relief-" + i).getBytes()).toString();
        int worker = i >= CASES - SHARED_WORKERS ? i - (CASES - SHARED_WORKERS) + 1 : i;
        long claimed = 500_000 + i * 1_000L;
        system.command("/api/cases", "staff", "{\"caseId\":\"" + caseId + "\","
                + "\"claimant\":{\"name\":\"司机" + worker + "\",\"idNumber\":\"" + AcceptanceTest.idNumber(500 + worker) + "\","
                + "\"phone\":\"136" + String.format("%08d", worker) + "\",\"employmentForm\":\"LABOR_DISPATCH\"},"
                + "\"respondents\":[{\"name\":\"某货运公司" + i + "\",\"creditCode\":null}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":" + claimed + ",\"channel\":\"HOTLINE\","
                + "\"district\":\"李沧区\",\"facts\":\"货车司机运费工资被拖欠\",\"appliedOn\":\"2025-03-03\"}");
        system.command("/api/cases/" + caseId + "/mediator", "staff", "{\"lawyerId\":\"lawyer20\",\"receivedOn\":\"2025-03-04\"}");
        system.command("/api/cases/" + caseId + "/mediation-failure", "lawyer20",
                "{\"reason\":\"公司负责人失联\",\"failedOn\":\"2025-03-10\"}");
        system.command("/api/cases/" + caseId + "/award", "lawyer20", "{\"kind\":\"ARBITRATION_AWARD\",\"enforceableFen\":" + claimed
                + ",\"decidedOn\":\"2025-05-10\",\"reference\":\"青劳人仲案字〔2025〕第" + (200 + i) + "号\"}");
        system.command("/api/cases/" + caseId + "/enforcement-termination", "court1",
                "{\"court\":\"court1\",\"rulingNumber\":\"(2025)鲁0203执" + (300 + i) + "号之一\",\"terminatedOn\":\"2025-09-01\"}");
        return caseId;
    }

    private void apply(String caseId, long requested) {
        HttpResponse<String> answer = system.post("/api/cases/" + caseId + "/relief-application", "lawyer20",
                "{\"fundId\":\"" + FUND + "\",\"requestedFen\":" + requested + ",\"hardship\":\"家中老人患病\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    /** Waits until every case's relief has ended paid or rejected, and returns the case files. */
    private Map<String, JsonNode> awaitDecided(List<String> cases) {
        Map<String, JsonNode> files = new HashMap<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String caseId : cases) {
                JsonNode file = system.view("/api/cases/" + caseId);
                JsonNode relief = file.get("relief");
                assertThat(relief).as("relief of " + caseId).isNotNull();
                assertThat(relief.isNull()).as("relief of " + caseId).isFalse();
                assertThat(relief.get("status").asText()).as("relief of " + caseId).isIn("PAID", "REJECTED");
                files.put(caseId, file);
            }
        });
        return files;
    }

    private JsonNode awaitLedger(long paid, long recovered) {
        JsonNode[] ledger = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            ledger[0] = system.view("/api/relief-funds/" + FUND);
            assertThat(ledger[0].get("paidFen").asLong()).isEqualTo(paid);
            assertThat(ledger[0].get("recoveredFen").asLong()).isEqualTo(recovered);
            // the ledger's identity, exactly
            assertThat(ledger[0].get("balanceFen").asLong())
                    .isEqualTo(ledger[0].get("contributedFen").asLong() - paid + recovered);
        });
        return ledger[0];
    }

    /** Every reservation in the event store recorded a non-negative available balance after it. */
    private void assertNoReservationEverLeftTheFundBelowZero() throws Exception {
        int reservations = 0;
        try (Connection db = system.database();
             ResultSet rs = db.createStatement().executeQuery("SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry "
                     + "WHERE payloadType LIKE '%.ReliefReserved' ORDER BY sequenceNumber")) {
            while (rs.next()) {
                JsonNode reserved = RunningSystem.read(rs.getString(1));
                assertThat(reserved.get("availableFen").asLong()).isNotNegative();
                reservations++;
            }
        }
        assertThat(reservations).isEqualTo(17);
    }
}

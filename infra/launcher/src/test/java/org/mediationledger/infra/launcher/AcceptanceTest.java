package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptance run against the whole system: 19 lawyers and 120 cases (some court-referred
 * under each regime), mediators assigned, agreements and payments recorded (some retried), some cases
 * closed; the query side is killed half-way and restarted. The report's totals and every lawyer's
 * active caseload must then equal exactly what was sent.
 */
class AcceptanceTest extends WholeSystemTest {

    private static final Logger log = LoggerFactory.getLogger(AcceptanceTest.class);
    static final int LAWYERS = 19;
    static final int CASES = 120;
    static final int WORKERS = 100;
    static final String[] DISTRICTS = {"市北区", "李沧区", "崂山区"};
    static final String[] CHANNELS = {"WALK_IN", "HOTLINE", "ONLINE", "INFORMATION_OFFICER"};



    /** What was sent, summed as the report must sum it. */
    static final class Expected {
        long claimed;
        long agreed;
        long recovered;
        long outstanding;
        final Set<String> workers = new HashSet<>();
        final Map<String, Integer> activeCases = new HashMap<>();
    }

    @Test
    void totalsAndCaseloads_equalWhatWasSent_evenAfterTheQuerySideCrashedMidStream() throws Exception {
        for (int l = 1; l <= LAWYERS; l++) {
            system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer" + l + "\",\"name\":\"律师" + l + "\",\"maxActiveCases\":10}");
        }
        Expected expected = new Expected();
        ServiceSpec querySide = system.service("query-side").spec();
        for (int i = 0; i < CASES; i++) {
            if (i == CASES / 2) {
                system.crash("query-side"); // the rest is sent while no consumer runs
            }
            recordCase(i, expected);
        }
        long lastCommandAt = System.nanoTime();
        system.restart(querySide);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode total = system.view("/api/reports/recovered-wages").get("total");
            assertThat(total.get("cases").asLong()).isEqualTo(CASES);
            assertThat(total.get("workersHelped").asLong()).isEqualTo(expected.workers.size());
            assertThat(total.get("claimedFen").asLong()).isEqualTo(expected.claimed);
            assertThat(total.get("agreedFen").asLong()).isEqualTo(expected.agreed);
            assertThat(total.get("recoveredFen").asLong()).isEqualTo(expected.recovered);
            assertThat(total.get("outstandingFen").asLong()).isEqualTo(expected.outstanding);
        });
        log.info("views caught up {} ms after the last command (query side restarted in between)",
                (System.nanoTime() - lastCommandAt) / 1_000_000);

        JsonNode caseload = system.view("/api/caseload").get("lawyers");
        Map<String, Integer> shown = new HashMap<>();
        caseload.forEach(lawyer -> shown.put(lawyer.get("lawyerId").asText(), lawyer.get("activeCases").asInt()));
        for (int l = 1; l <= LAWYERS; l++) {
            assertThat(shown.get("lawyer" + l)).as("active cases of lawyer" + l).isEqualTo(expected.activeCases.getOrDefault("lawyer" + l, 0));
        }

        // with everything running, one more case and payment reach the report (the lag is logged, not asserted)
        recordCase(CASES, expected);
        long sentAt = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(system.view("/api/reports/recovered-wages").get("total").get("recoveredFen").asLong())
                        .isEqualTo(expected.recovered));
        log.info("a steady system showed case {} in the report {} ms after its last command", CASES,
                (System.nanoTime() - sentAt) / 1_000_000);

        // grouped rows add up to the total, per district
        JsonNode byDistrict = system.view("/api/reports/recovered-wages?groupBy=district").get("rows");
        long casesInRows = 0;
        for (JsonNode row : byDistrict) {
            casesInRows += row.get("cases").asLong();
        }
        assertThat(casesInRows).isEqualTo(CASES + 1);
    }

    /**
     * Case i: one in six referred under the 2016 rules (pre-filing delegation, 30 days), one in six under
     * the 2025 rules (entrusted, simple procedure, 7 days); the rest taken in by the union. Two of three
     * reach agreement; of those, half are paid in part and a quarter in full (then closed); one in nine
     * fails; one in ten of the rest is withdrawn.
     */
    private void recordCase(int i, Expected expected) {
        String caseId = UUID.nameUUIDFromBytes(("acceptance-" + i).getBytes()).toString();
        String worker = idNumber(i % WORKERS);
        long claimed = 100_000 + i * 1_234L;
        String district = DISTRICTS[i % DISTRICTS.length];
        String claimant = "\"claimant\":{\"name\":\"工人" + (i % WORKERS) + "\",\"idNumber\":\"" + worker + "\","
                + "\"phone\":\"139" + String.format("%08d", i % WORKERS) + "\",\"employmentForm\":\"PLATFORM_COOPERATION\"}";
        String common = claimant + ",\"respondents\":[{\"name\":\"某配送公司" + (i % 7) + "\",\"creditCode\":null}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":" + claimed + ",\"district\":\"" + district + "\",\"facts\":\"欠薪\"";
        LocalDate received;
        LocalDate agreedOn;
        if (i % 6 == 0) {
            system.command("/api/court-referrals", "court1", "{\"caseId\":\"" + caseId + "\",\"court\":\"court1\","
                    + "\"referralKind\":\"PRE_FILING_DELEGATED\",\"procedure\":\"ORDINARY\",\"referredOn\":\"2024-11-04\","
                    + "\"partiesConsented\":false," + common + "}");
            received = LocalDate.of(2024, 11, 5);
            agreedOn = LocalDate.of(2024, 11, 20);
        } else if (i % 6 == 1) {
            system.command("/api/court-referrals", "court2", "{\"caseId\":\"" + caseId + "\",\"court\":\"court2\","
                    + "\"courtCaseNumber\":\"(2025)鲁0203民初" + i + "号\",\"referralKind\":\"ENTRUSTED\",\"procedure\":\"SIMPLE\","
                    + "\"referredOn\":\"2025-03-03\",\"partiesConsented\":true," + common + "}");
            received = LocalDate.of(2025, 3, 4);
            agreedOn = LocalDate.of(2025, 3, 10);
        } else {
            system.command("/api/cases", "staff", "{\"caseId\":\"" + caseId + "\",\"channel\":\"" + CHANNELS[i % CHANNELS.length] + "\","
                    + "\"appliedOn\":\"2025-05-06\"," + common + "}");
            received = LocalDate.of(2025, 5, 7);
            agreedOn = LocalDate.of(2025, 5, 15);
        }
        expected.workers.add(worker);
        expected.claimed += claimed;

        String lawyer = "lawyer" + (i % LAWYERS + 1);
        system.command("/api/cases/" + caseId + "/mediator", "staff",
                "{\"lawyerId\":\"" + lawyer + "\",\"receivedOn\":\"" + received + "\"}");
        long owed = claimed;
        long recovered = 0;
        boolean closed = false;
        if (i % 3 != 2) {
            long agreed = claimed - 10_000L * (i % 4);
            system.command("/api/cases/" + caseId + "/agreement", lawyer,
                    "{\"agreedFen\":" + agreed + ",\"effectiveOn\":\"" + agreedOn + "\",\"instalments\":[]}");
            expected.agreed += agreed;
            owed = agreed;
            if (i % 2 == 0) {
                long half = agreed / 2;
                String pay = payment("first-" + i, half, agreedOn.plusDays(5));
                system.command("/api/cases/" + caseId + "/payments", lawyer, pay);
                system.command("/api/cases/" + caseId + "/payments", lawyer, pay); // a retry counts once
                recovered += half;
                if (i % 4 == 0) {
                    system.command("/api/cases/" + caseId + "/payments", lawyer,
                            payment("rest-" + i, agreed - half, agreedOn.plusDays(20)), "Idempotency-Key", "rest-" + caseId);
                    system.command("/api/cases/" + caseId + "/payments", lawyer,
                            payment("rest-" + i, agreed - half, agreedOn.plusDays(20)), "Idempotency-Key", "rest-" + caseId);
                    recovered = agreed;
                    system.command("/api/cases/" + caseId + "/closure", lawyer,
                            "{\"outcome\":\"RECOVERED_IN_FULL\",\"closedOn\":\"" + today() + "\"}");
                    closed = true;
                }
            }
        } else if (i % 9 == 2) {
            system.command("/api/cases/" + caseId + "/mediation-failure", lawyer,
                    "{\"reason\":\"雇主拒绝\",\"failedOn\":\"" + received.plusDays(3) + "\"}");
        } else if (i % 10 == 5) {
            system.command("/api/cases/" + caseId + "/closure", "staff",
                    "{\"outcome\":\"WITHDRAWN\",\"closedOn\":\"" + today() + "\"}");
            closed = true;
        }
        expected.recovered += recovered;
        expected.outstanding += owed - recovered;
        if (!closed) {
            expected.activeCases.merge(lawyer, 1, Integer::sum);
        }
    }

    /** Cases are registered today, and cannot be closed before they were registered. */
    private static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    private static String payment(String id, long amount, LocalDate paidOn) {
        return "{\"paymentId\":\"" + id + "\",\"amountFen\":" + amount + ",\"paidOn\":\"" + paidOn + "\",\"source\":\"EMPLOYER_VOLUNTARY\"}";
    }

    /** A valid resident ID number (GB 11643 check digit) for worker n, born 1990-01-01 + n days. */
    static String idNumber(int n) {
        String first17 = "370203" + LocalDate.of(1990, 1, 1).plusDays(n).toString().replace("-", "") + String.format("%03d", n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (first17.charAt(k) - '0') * weights[k];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}

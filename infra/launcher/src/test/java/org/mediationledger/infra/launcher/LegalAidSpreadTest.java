package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * Legal aid without a named lawyer goes to the active lawyer with the lowest caseload under their limit
 * (DOMAIN.md step 5). Over the whole system: 100 new legal-aid cases spread over 19 lawyers, nobody
 * beyond their limit, the caseload view agreeing with the assignments; then the last free places taken
 * by concurrent requests, exactly as many succeeding as there were places.
 */
class LegalAidSpreadTest extends WholeSystemTest {

    static final int LAWYERS = 19;
    static final int CASES = 100;

    /** Limits 4 to 7, 106 places in all: tight enough that the spread is visible. */
    static int limitOf(int lawyer) {
        return 4 + lawyer % 4;
    }

    @Test
    void hundredCases_spreadOverNineteenLawyers_withinTheirLimits_andTheCaseloadViewAgrees() throws Exception {
        int places = 0;
        for (int l = 1; l <= LAWYERS; l++) {
            system.command("/api/lawyers", "staff",
                    "{\"lawyerId\":\"lawyer" + l + "\",\"name\":\"律师" + l + "\",\"maxActiveCases\":" + limitOf(l) + "}");
            places += limitOf(l);
        }
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String caseId = registerCase(i);
            system.command("/api/cases/" + caseId + "/legal-aid", "staff", "{\"basis\":\"MIGRANT_WORKER_WAGE_CLAIM\"}");
            cases.add(caseId);
        }

        Map<String, Integer> assigned = awaitAssignments(cases);
        assertThat(assigned.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
        for (int l = 1; l <= LAWYERS; l++) {
            assertThat(assigned.getOrDefault("lawyer" + l, 0)).as("cases of lawyer" + l).isLessThanOrEqualTo(limitOf(l));
        }
        // lowest caseload first: a lawyer two or more cases ahead of another means the other is at their limit
        for (int a = 1; a <= LAWYERS; a++) {
            for (int b = 1; b <= LAWYERS; b++) {
                int ofA = assigned.getOrDefault("lawyer" + a, 0);
                int ofB = assigned.getOrDefault("lawyer" + b, 0);
                if (ofA >= ofB + 2) {
                    assertThat(ofB).as("lawyer%d has %d cases, lawyer%d only %d", a, ofA, b, ofB).isEqualTo(limitOf(b));
                }
            }
        }
        assertCaseloadViewShows(assigned);

        // the remaining places, asked for twice over at once: exactly as many succeed, the rest are refused
        int free = places - CASES;
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 2 * free; i++) {
            more.add(registerCase(CASES + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String caseId : more) {
            answers.add(pool.submit(() -> system.post("/api/cases/" + caseId + "/legal-aid", "staff",
                    "{\"basis\":\"MIGRANT_WORKER_WAGE_CLAIM\"}")));
        }
        int accepted = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 200) {
                accepted++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(response.body()).contains("lawyerId").contains("limit");
            }
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(free);

        List<String> all = new ArrayList<>(cases);
        all.addAll(more);
        Map<String, Integer> full = awaitAssignments(all, places);
        for (int l = 1; l <= LAWYERS; l++) {
            assertThat(full.getOrDefault("lawyer" + l, 0)).as("cases of lawyer" + l).isEqualTo(limitOf(l));
        }
        assertCaseloadViewShows(full);
    }

    private String registerCase(int i) {
        String caseId = UUID.nameUUIDFromBytes(("legal-aid-" + i).getBytes()).toString();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        system.command("/api/cases", "staff", "{\"caseId\":\"" + caseId + "\","
                + "\"claimant\":{\"name\":\"骑手" + i + "\",\"idNumber\":\"" + AcceptanceTest.idNumber(i) + "\","
                + "\"phone\":\"137" + String.format("%08d", i) + "\",\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"某同城配送站" + (i % 5) + "\",\"creditCode\":null}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":" + (300_000 + i) + ",\"channel\":\"WALK_IN\","
                + "\"district\":\"市北区\",\"facts\":\"平台骑手工资被拖欠\",\"appliedOn\":\"" + today + "\"}");
        return caseId;
    }

    private Map<String, Integer> awaitAssignments(List<String> cases) {
        return awaitAssignments(cases, cases.size());
    }

    /** Counts, per lawyer, the cases whose file names them as legal-aid lawyer, once all are projected. */
    private Map<String, Integer> awaitAssignments(List<String> cases, int expectedAssigned) {
        Map<String, Integer> perLawyer = new HashMap<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            perLawyer.clear();
            int count = 0;
            for (String caseId : cases) {
                JsonNode file = system.view("/api/cases/" + caseId);
                JsonNode lawyer = file.get("legalAidLawyerId");
                if (lawyer != null && !lawyer.isNull()) {
                    assertThat(file.get("stage").asText()).isEqualTo("LEGAL_AID");
                    assertThat(file.get("responsibleLawyerId").asText()).isEqualTo(lawyer.asText());
                    perLawyer.merge(lawyer.asText(), 1, Integer::sum);
                    count++;
                }
            }
            assertThat(count).isEqualTo(expectedAssigned);
        });
        return perLawyer;
    }

    private void assertCaseloadViewShows(Map<String, Integer> assigned) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, Integer> shown = new HashMap<>();
            system.view("/api/caseload").get("lawyers").forEach(lawyer ->
                    shown.put(lawyer.get("lawyerId").asText(), lawyer.get("activeCases").asInt()));
            for (int l = 1; l <= LAWYERS; l++) {
                assertThat(shown.get("lawyer" + l)).as("caseload view of lawyer" + l)
                        .isEqualTo(assigned.getOrDefault("lawyer" + l, 0));
            }
        });
    }
}

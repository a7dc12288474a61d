package org.mediationledger.infra.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint, asked by every role, on what is theirs and on what is not (DOMAIN.md, "The people and
 * what they may do"; API.md). Each write that should succeed gets a case of its own in the state the
 * command needs, so a refusal can only come from who asks. The table this test proves is the one in
 * docs/access.md; the test fails when the two differ.
 */
class AccessMatrixTest extends WholeSystemTest {

    /** The columns: who asks. "Own" is the case's responsible lawyer, or the court the request names. */
    enum Asker {
        STAFF("staff", "union staff"),
        OWN_LAWYER("lawyer1", "lawyer, responsible"),
        OTHER_LAWYER("lawyer2", "lawyer, not responsible"),
        OWN_COURT("court1", "court liaison, own court"),
        OTHER_COURT("court2", "court liaison, other court"),
        AUDITOR("auditor", "auditor"),
        NOBODY(null, "no credentials");

        final String user;
        final String heading;

        Asker(String user, String heading) {
            this.user = user;
            this.heading = heading;
        }
    }

    /** One row: an endpoint, how to prepare a target for it, and the answer each asker gets, in column order. */
    record Row(String endpoint, Supplier<Request> prepare, int... expected) {
    }

    record Request(String method, String path, String body) {
    }

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String fundId;
    static String readableCase;
    static int workers;

    @BeforeAll
    static void lawyersFundAndACaseToRead() {
        for (String lawyer : List.of("lawyer1", "lawyer2")) {
            system.command("/api/lawyers", "staff", "{\"lawyerId\":\"" + lawyer + "\",\"name\":\"律师\",\"maxActiveCases\":1000}");
        }
        fundId = UUID.randomUUID().toString();
        system.command("/api/relief-funds", "staff", "{\"fundId\":\"" + fundId + "\",\"name\":\"兜底救助金\",\"perWorkerCapFen\":300000}");
        system.command("/api/relief-funds/" + fundId + "/contributions", "staff", "{\"contributionId\":\"" + UUID.randomUUID()
                + "\",\"contributor\":\"市总工会\",\"amountFen\":5000000,\"receivedOn\":\"" + TODAY + "\"}");
        // court1's referral, mediated by lawyer1: what the reads below are asked about
        readableCase = UUID.randomUUID().toString();
        system.command("/api/court-referrals", "court1", referral(readableCase));
        mediate(readableCase);
        await().atMost(PATIENCE).until(() ->
                system.get("/api/cases/" + readableCase, "auditor", "application/json").body().contains("lawyer1"));
    }

    List<Row> rows() {
        String instant = Instant.now().toString();
        return List.of(
                new Row("POST /api/lawyers", () -> post("/api/lawyers",
                        "{\"lawyerId\":\"m-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"新律师\",\"maxActiveCases\":5}"),
                        201, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/cases", () -> post("/api/cases", intake(UUID.randomUUID().toString())),
                        201, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/intake-checks", () -> post("/api/intake-checks", "{\"idNumber\":\"11010519491231002X\"}"),
                        200, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/court-referrals (court named)", () -> post("/api/court-referrals", referral(UUID.randomUUID().toString())),
                        403, 403, 403, 201, 403, 403, 401),
                new Row("POST /api/cases/{id}/mediator", () -> onCase(registered(), "mediator",
                        "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"" + TODAY + "\"}"),
                        200, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/mediation-sessions", () -> onCase(mediated(), "mediation-sessions",
                        "{\"sessionId\":\"s-1\",\"heldOn\":\"" + TODAY + "\",\"summary\":\"双方到场\"}"),
                        403, 201, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/mediation-extension", () -> onCase(mediated(), "mediation-extension",
                        "{\"newDeadline\":\"" + TODAY.plusDays(20) + "\",\"consentRecordedOn\":\"" + TODAY + "\"}"),
                        403, 200, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/agreement", () -> onCase(mediated(), "agreement", agreement()),
                        403, 200, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/mediation-failure", () -> onCase(mediated(), "mediation-failure", failure()),
                        403, 200, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/judicial-confirmation (court named)", () -> onCase(agreed(), "judicial-confirmation",
                        "{\"court\":\"court1\",\"rulingNumber\":\"(2025)鲁0203民特12号\",\"appliedOn\":\"" + TODAY
                                + "\",\"confirmedOn\":\"" + TODAY + "\"}"),
                        403, 403, 403, 200, 403, 403, 401),
                new Row("POST /api/cases/{id}/legal-aid-application", () -> onCase(failed(), "legal-aid-application",
                        "{\"appliedOn\":\"" + TODAY + "\"}"),
                        200, 200, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/legal-aid", () -> onCase(failed(), "legal-aid",
                        "{\"lawyerId\":\"lawyer2\",\"basis\":\"MIGRANT_WORKER_WAGE_CLAIM\"}"),
                        200, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/award", () -> onCase(failed(), "award", award()),
                        403, 200, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/payments", () -> onCase(mediated(), "payments",
                        "{\"paymentId\":\"" + UUID.randomUUID() + "\",\"amountFen\":1000,\"paidOn\":\"" + TODAY
                                + "\",\"source\":\"EMPLOYER_VOLUNTARY\"}"),
                        403, 201, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/enforcement-termination (court named)", () -> onCase(awarded(), "enforcement-termination",
                        termination()),
                        403, 200, 403, 200, 403, 403, 401),
                new Row("POST /api/cases/{id}/relief-application", () -> onCase(terminated(), "relief-application",
                        "{\"fundId\":\"" + fundId + "\",\"requestedFen\":100000,\"hardship\":\"家中困难\"}"),
                        403, 202, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/closure", () -> onCase(mediated(), "closure",
                        "{\"outcome\":\"WITHDRAWN\",\"closedOn\":\"" + TODAY + "\"}"),
                        200, 200, 403, 403, 403, 403, 401),
                new Row("POST /api/relief-funds", () -> post("/api/relief-funds", "{\"fundId\":\"" + UUID.randomUUID()
                        + "\",\"name\":\"区救助金\",\"perWorkerCapFen\":100000}"),
                        201, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/relief-funds/{id}/contributions", () -> post("/api/relief-funds/" + fundId + "/contributions",
                        "{\"contributionId\":\"" + UUID.randomUUID() + "\",\"contributor\":\"某企业\",\"amountFen\":1000,\"receivedOn\":\""
                                + TODAY + "\"}"),
                        200, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/cases/{id}/payments (no such case)", () -> onCase(UUID.randomUUID().toString(), "payments",
                        "{\"paymentId\":\"p-1\",\"amountFen\":1000,\"paidOn\":\"" + TODAY + "\",\"source\":\"EMPLOYER_VOLUNTARY\"}"),
                        403, 404, 404, 403, 403, 403, 401),
                new Row("POST /api/workers/{claimantKey}/erasure", () -> post("/api/workers/" + settledWorker() + "/erasure",
                        "{\"reason\":\"本人申请删除个人信息\"}"),
                        200, 403, 403, 403, 403, 403, 401),
                new Row("POST /api/workers/{claimantKey}/erasure (no such worker)", () -> post("/api/workers/" + UUID.randomUUID()
                        + "/erasure", "{\"reason\":\"本人申请删除个人信息\"}"),
                        404, 403, 403, 403, 403, 403, 401),
                new Row("GET /api/cases/{id}", () -> get("/api/cases/" + readableCase),
                        200, 200, 403, 200, 403, 200, 401),
                new Row("GET /api/cases/{id}/personal-data (unmasked, recorded)", () -> get("/api/cases/" + readableCase + "/personal-data"),
                        200, 200, 403, 403, 403, 403, 401),
                new Row("GET /api/cases/{id} (no such case)", () -> get("/api/cases/" + UUID.randomUUID()),
                        404, 404, 404, 404, 404, 404, 401),
                new Row("GET /api/cases (each sees theirs)", () -> get("/api/cases"),
                        200, 200, 200, 200, 200, 200, 401),
                new Row("GET /api/caseload (a lawyer: own line)", () -> get("/api/caseload"),
                        200, 200, 200, 403, 403, 200, 401),
                new Row("GET /api/caseload/courts (a court: own)", () -> get("/api/caseload/courts"),
                        200, 403, 403, 200, 200, 200, 401),
                new Row("GET /api/reports/recovered-wages", () -> get("/api/reports/recovered-wages"),
                        200, 403, 403, 403, 403, 200, 401),
                new Row("GET /api/relief-funds", () -> get("/api/relief-funds"),
                        200, 200, 200, 403, 403, 200, 401),
                new Row("GET /api/relief-funds/{id}", () -> get("/api/relief-funds/" + fundId),
                        200, 403, 403, 403, 403, 200, 401),
                new Row("GET /api/audit/workers/{claimantKey}/personal-data-reads", () -> get("/api/audit/workers/"
                        + system.view("/api/cases/" + readableCase).get("claimant").get("claimantKey").asText() + "/personal-data-reads"),
                        403, 403, 403, 403, 403, 200, 401),
                new Row("POST /api/audit/rebuilds", () -> post("/api/audit/rebuilds", ""),
                        403, 403, 403, 403, 403, 202, 401),
                new Row("GET /api/audit/rebuilds", () -> get("/api/audit/rebuilds"),
                        403, 403, 403, 403, 403, 200, 401),
                new Row("GET /api/audit/cases/{id}/history", () -> get("/api/audit/cases/" + readableCase + "/history"),
                        403, 403, 403, 403, 403, 200, 401),
                new Row("GET /api/audit/cases/{id}/history (no such case)", () -> get("/api/audit/cases/" + UUID.randomUUID() + "/history"),
                        403, 403, 403, 403, 403, 404, 401),
                new Row("GET /api/audit/cases/{id}/state?asOf=", () -> get("/api/audit/cases/" + readableCase + "/state?asOf=" + instant),
                        403, 403, 403, 403, 403, 200, 401),
                new Row("GET /api/audit/cases/{id}/verification", () -> get("/api/audit/cases/" + readableCase + "/verification"),
                        403, 403, 403, 403, 403, 200, 401));
    }

    @Test
    void everyEndpoint_byEveryRole_onWhatIsTheirsAndWhatIsNot_answersAsDocumented() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            for (Asker asker : Asker.values()) {
                Request request = row.prepare().get();
                HttpResponse<String> answer = send(request, asker.user);
                int expected = row.expected()[asker.ordinal()];
                if (answer.statusCode() != expected) {
                    wrong.add(row.endpoint() + " as " + asker.heading + ": expected " + expected + ", got "
                            + answer.statusCode() + " " + answer.body());
                }
            }
        }
        assertThat(wrong).as("answers that differ from the table").isEmpty();

        String table = table(rows());
        Path docs = Path.of(System.getProperty("user.dir")).resolve("../../docs/access.md").normalize();
        assertThat(Files.readString(docs, StandardCharsets.UTF_8))
                .as("docs/access.md must hold the table this test proves:%n%s", table)
                .contains(table);
    }

    static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder("| endpoint |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Asker asker : Asker.values()) {
            md.append(' ').append(asker.heading).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        for (Row row : rows) {
            String endpoint = row.endpoint();
            int note = endpoint.indexOf(" (");
            md.append("| ").append(note < 0 ? "`" + endpoint + "`" : "`" + endpoint.substring(0, note) + "`" + endpoint.substring(note))
                    .append(" |");
            for (int status : row.expected()) {
                md.append(' ').append(status).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    // ---- preparing targets: each a fresh case in the state the command needs, lawyer1 responsible ----

    static Request post(String path, String body) {
        return new Request("POST", path, body);
    }

    static Request get(String path) {
        return new Request("GET", path, null);
    }

    static Request onCase(String caseId, String action, String body) {
        return post("/api/cases/" + caseId + "/" + action, body);
    }

    static String registered() {
        String caseId = UUID.randomUUID().toString();
        system.command("/api/cases", "staff", intake(caseId));
        return caseId;
    }

    static String mediated() {
        String caseId = registered();
        mediate(caseId);
        return caseId;
    }

    static void mediate(String caseId) {
        system.command("/api/cases/" + caseId + "/mediator", "staff", "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"" + TODAY + "\"}");
    }

    static String agreed() {
        String caseId = mediated();
        system.command("/api/cases/" + caseId + "/agreement", "lawyer1", agreement());
        return caseId;
    }

    static String failed() {
        String caseId = mediated();
        system.command("/api/cases/" + caseId + "/mediation-failure", "lawyer1", failure());
        return caseId;
    }

    static String awarded() {
        String caseId = failed();
        system.command("/api/cases/" + caseId + "/award", "lawyer1", award());
        return caseId;
    }

    static String terminated() {
        String caseId = awarded();
        system.command("/api/cases/" + caseId + "/enforcement-termination", "court1", termination());
        return caseId;
    }

    /** A worker whose only case was withdrawn: nothing of theirs is open. */
    static String settledWorker() {
        String caseId = mediated();
        system.command("/api/cases/" + caseId + "/closure", "lawyer1", "{\"outcome\":\"WITHDRAWN\",\"closedOn\":\"" + TODAY + "\"}");
        return await().atMost(PATIENCE).until(() -> {
            HttpResponse<String> file = system.get("/api/cases/" + caseId, "auditor", "application/json");
            return file.statusCode() == 200 ? RunningSystem.read(file.body()).get("claimant").get("claimantKey").asText() : null;
        }, key -> key != null);
    }

    static String agreement() {
        return "{\"agreedFen\":300000,\"effectiveOn\":\"" + TODAY + "\"}";
    }

    static String failure() {
        return "{\"reason\":\"雇主拒绝\",\"failedOn\":\"" + TODAY + "\"}";
    }

    static String award() {
        return "{\"kind\":\"ARBITRATION_AWARD\",\"enforceableFen\":400000,\"decidedOn\":\"" + TODAY
                + "\",\"reference\":\"青劳人仲案字〔2025〕第101号\"}";
    }

    static String termination() {
        return "{\"court\":\"court1\",\"rulingNumber\":\"(2025)鲁0203执301号之一\",\"terminatedOn\":\"" + TODAY + "\"}";
    }

    static String claimant() {
        int n = ++workers;
        return "\"claimant\":{\"name\":\"工人" + n + "\",\"idNumber\":\"" + AcceptanceTest.idNumber(n) + "\",\"phone\":\"137"
                + String.format("%08d", n) + "\",\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"某配送站\",\"creditCode\":null}],\"category\":\"UNPAID_WAGES\",\"claimedFen\":500000,";
    }

    static String intake(String caseId) {
        return "{\"caseId\":\"" + caseId + "\"," + claimant() + "\"channel\":\"WALK_IN\",\"district\":\"市北区\","
                + "\"facts\":\"工资未结\",\"appliedOn\":\"" + TODAY + "\"}";
    }

    static String referral(String caseId) {
        return "{\"caseId\":\"" + caseId + "\",\"court\":\"court1\",\"courtCaseNumber\":\"(2025)鲁0203民初77号\","
                + "\"referralKind\":\"ENTRUSTED\",\"procedure\":\"ORDINARY\",\"referredOn\":\"" + TODAY + "\",\"partiesConsented\":true,"
                + claimant() + "\"district\":\"市北区\",\"facts\":\"工资未结\"}";
    }

    private HttpResponse<String> send(Request request, String user) {
        boolean write = request.method().equals("POST");
        // writes go to the command side, except the auditors' rebuilds, which are the query side's
        String base = write && !request.path().startsWith("/api/audit/") ? system.commandUri() : system.queryUri();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (user != null) {
            builder.header("Authorization", RunningSystem.basic(user));
        }
        if (write) {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        } else {
            builder.GET();
        }
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.pii.EncryptedText;
import org.mediationledger.events.pii.PersonalDataCipher;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mediationledger.infra.launcher.AccessMatrixTest.TODAY;

/**
 * Erasing a worker's personal data (DOMAIN.md, "Personal data"; API.md, {@code /api/workers/{claimantKey}/erasure}):
 * refused while a claim or a relief recovery of theirs is open; afterwards no ciphertext of their ID number
 * or phone can be opened with any key that is left, no byte of either is anywhere in the database, on
 * Kafka or in the logs, every case file shows the data as erased, and the totals and the hash chain are
 * exactly as before.
 */
class ErasureTest extends WholeSystemTest {

    static final String ID_NUMBER = AcceptanceTest.idNumber(4242);
    static final String PHONE = "13912340042";

    @Test
    void erasure_waitsForEverythingToBeSettled_thenLeavesNothingReadable_andChangesNoTotal() throws Exception {
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":100}");
        String settled = withdrawn(register(ID_NUMBER, PHONE));
        String stillOpen = register(ID_NUMBER, PHONE);
        String worker = await().atMost(PATIENCE).until(() -> claimantKeyOf(stillOpen), key -> key != null);
        assertThat(claimantKeyOf(settled)).as("one ID number, one worker").isEqualTo(worker);
        String erasure = "/api/workers/" + worker + "/erasure";
        String why = "{\"reason\":\"本人申请删除个人信息\"}";

        assertThat(system.post(erasure, "lawyer1", why).statusCode()).as("union staff erase").isEqualTo(403);
        assertThat(system.post("/api/workers/" + UUID.randomUUID() + "/erasure", "staff", why).statusCode()).isEqualTo(404);
        assertThat(system.post(erasure, "staff", "{\"reason\":\" \"}").body()).contains("reason");
        HttpResponse<String> open = system.post(erasure, "staff", why);
        assertThat(open.statusCode()).isEqualTo(409);
        assertThat(open.body()).contains("case " + stillOpen + " is open").doesNotContain(settled);
        withdrawn(stillOpen);

        // the key still opens the ciphertexts: what erasure must change
        List<EncryptedText> ciphertexts = ciphertextsOf(List.of(settled, stillOpen));
        assertThat(ciphertexts).hasSize(4);
        byte[] key = keyOf(worker);
        assertThat(PersonalDataCipher.decrypt(key, worker, ciphertexts.get(0))).isEqualTo(ID_NUMBER);

        await().atMost(PATIENCE).until(() -> system.view("/api/cases/" + stillOpen).get("stage").asText().equals("CLOSED"));
        JsonNode totalsBefore = system.view("/api/reports/recovered-wages?groupBy=district").get("total");
        JsonNode chainBefore = system.view("/api/audit/cases/" + settled + "/verification");
        String csvBefore = system.get("/api/reports/recovered-wages?groupBy=month", "auditor", "text/csv").body();
        assertThat(system.view("/api/audit/cases/" + settled + "/history").get("personalData").asText()).isEqualTo("ENCRYPTED");

        HttpResponse<String> erased = system.post(erasure, "staff", why);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        HttpResponse<String> again = system.post(erasure, "staff", why);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(RunningSystem.read(again.body()).get("version")).isEqualTo(RunningSystem.read(erased.body()).get("version"));

        for (String caseId : List.of(settled, stillOpen)) {
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(system.view("/api/cases/" + caseId).get("claimant").get("idNumber").asText()).isEqualTo("[erased]"));
            JsonNode claimant = system.view("/api/cases/" + caseId).get("claimant");
            assertThat(claimant.get("phone").asText()).isEqualTo("[erased]");
            assertThat(claimant.get("name").asText()).isEqualTo("张伟");
        }
        JsonNode history = system.view("/api/audit/cases/" + settled + "/history");
        assertThat(history.get("personalData").asText()).isEqualTo("ERASED");
        assertThat(history.get("events").get(0).get("payload").get("claimant").get("idNumber").asText()).isEqualTo("[erased]");
        assertThat(system.view("/api/audit/cases/" + settled + "/state?asOf=" + java.time.Instant.now()).get("claimant")
                .get("phone").asText()).isEqualTo("[erased]");
        assertThat(system.get("/api/reports/recovered-wages?groupBy=month", "auditor", "text/csv").body())
                .isEqualTo(csvBefore);
        assertThat(system.view("/api/reports/recovered-wages?groupBy=district").get("total")).isEqualTo(totalsBefore);
        assertThat(system.view("/api/audit/cases/" + settled + "/verification")).isEqualTo(chainBefore);
        assertThat(chainBefore.get("intact").asBoolean()).isTrue();

        // no key that is left opens any of the worker's ciphertexts
        assertThat(keyOf(worker)).isNull();
        for (byte[] remaining : remainingKeys()) {
            for (EncryptedText ciphertext : ciphertexts) {
                assertThatThrownBy(() -> PersonalDataCipher.decrypt(remaining, worker, ciphertext)).isInstanceOf(RuntimeException.class);
            }
        }
        // and no byte of either is anywhere: every table, the topic, the logs
        String everything = everyTableAsText() + rawTopic() + system.logsOf("command-side") + system.logsOf("query-side");
        for (String secret : List.of(ID_NUMBER, PHONE, ID_NUMBER.substring(0, 17), ID_NUMBER.substring(6, 14))) {
            assertThat(everything).doesNotContain(secret)
                    .doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
        }

        // the same person coming back is a new worker, with a new key
        String returning = register(ID_NUMBER, PHONE);
        String newWorker = await().atMost(PATIENCE).until(() -> claimantKeyOf(returning), k -> k != null);
        assertThat(newWorker).isNotEqualTo(worker);
        assertThat(system.view("/api/cases/" + returning).get("claimant").get("idNumber").asText()).endsWith("X".equals(
                ID_NUMBER.substring(17)) ? "X" : ID_NUMBER.substring(14)).contains("*");
    }

    @Test
    void aWorkerStillOwingTheReliefFund_cannotBeErased() throws Exception {
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":100}");
        String fund = UUID.randomUUID().toString();
        system.command("/api/relief-funds", "staff", "{\"fundId\":\"" + fund + "\",\"name\":\"兜底救助金\",\"perWorkerCapFen\":300000}");
        system.command("/api/relief-funds/" + fund + "/contributions", "staff", "{\"contributionId\":\"" + UUID.randomUUID()
                + "\",\"contributor\":\"市总工会\",\"amountFen\":5000000,\"receivedOn\":\"" + TODAY + "\"}");
        String caseId = register(AcceptanceTest.idNumber(4343), "13912340043");
        String base = "/api/cases/" + caseId;
        system.command(base + "/mediator", "staff", "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"" + TODAY + "\"}");
        system.command(base + "/mediation-failure", "lawyer1", AccessMatrixTest.failure());
        system.command(base + "/award", "lawyer1", AccessMatrixTest.award());
        system.command(base + "/enforcement-termination", "court1", AccessMatrixTest.termination());
        system.command(base + "/relief-application", "lawyer1", "{\"fundId\":\"" + fund + "\",\"requestedFen\":300000,\"hardship\":\"无收入\"}");
        await().atMost(PATIENCE).until(() -> system.view(base).path("relief").path("status").asText().equals("PAID"));
        system.command(base + "/closure", "lawyer1", "{\"outcome\":\"RELIEF_PAID\",\"closedOn\":\"" + TODAY + "\"}");

        HttpResponse<String> refused = system.post("/api/workers/" + claimantKeyOf(caseId) + "/erasure", "staff",
                "{\"reason\":\"本人申请删除个人信息\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("still owes the relief fund 300000 fen");
    }

    private String register(String idNumber, String phone) {
        String caseId = UUID.randomUUID().toString();
        system.command("/api/cases", "staff", "{\"caseId\":\"" + caseId + "\",\"claimant\":{\"name\":\"张伟\",\"idNumber\":\""
                + idNumber + "\",\"phone\":\"" + phone + "\",\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"某配送站\",\"creditCode\":null}],\"category\":\"UNPAID_WAGES\",\"claimedFen\":500000,"
                + "\"channel\":\"WALK_IN\",\"district\":\"市北区\",\"facts\":\"工资未结\",\"appliedOn\":\"" + TODAY + "\"}");
        return caseId;
    }

    private String withdrawn(String caseId) {
        system.command("/api/cases/" + caseId + "/mediator", "staff", "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"" + TODAY + "\"}");
        system.command("/api/cases/" + caseId + "/closure", "lawyer1", "{\"outcome\":\"WITHDRAWN\",\"closedOn\":\"" + TODAY + "\"}");
        return caseId;
    }

    private String claimantKeyOf(String caseId) {
        HttpResponse<String> answer = system.get("/api/cases/" + caseId, "auditor", "application/json");
        return answer.statusCode() == 200 ? RunningSystem.read(answer.body()).get("claimant").get("claimantKey").asText() : null;
    }

    private List<EncryptedText> ciphertextsOf(List<String> caseIds) throws Exception {
        List<EncryptedText> found = new ArrayList<>();
        try (Connection db = system.database()) {
            for (String caseId : caseIds) {
                try (var query = db.prepareStatement("SELECT convert_from(payload, 'UTF8')::jsonb -> 'claimant' FROM DomainEventEntry "
                        + "WHERE aggregateIdentifier = ? AND payloadType LIKE '%.DisputeRegistered'")) {
                    query.setString(1, caseId);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            JsonNode claimant = RunningSystem.read(rs.getString(1));
                            found.add(new EncryptedText(claimant.get("idNumber").asText()));
                            found.add(new EncryptedText(claimant.get("phone").asText()));
                        }
                    }
                }
            }
        }
        return found;
    }

    private byte[] keyOf(String claimantKey) throws Exception {
        try (Connection db = system.database();
             var query = db.prepareStatement("SELECT worker_key FROM pii.worker_key WHERE claimant_key = ?")) {
            query.setString(1, claimantKey);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).as("the worker's row stays, without its key").isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private List<byte[]> remainingKeys() throws Exception {
        List<byte[]> keys = new ArrayList<>();
        try (Connection db = system.database();
             ResultSet rs = db.createStatement().executeQuery("SELECT worker_key FROM pii.worker_key WHERE worker_key IS NOT NULL")) {
            while (rs.next()) {
                keys.add(rs.getBytes(1));
            }
        }
        return keys;
    }

    /** Every row of every table of ours, as text (bytea shown as hex), plus the event store's payloads decoded. */
    private String everyTableAsText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection db = system.database()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                    + "WHERE table_schema IN ('public', 'views', 'pii') AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("public.domainevententry", "views.dispute_case", "pii.worker_key");
            for (String table : tables) {
                try (ResultSet rs = db.createStatement().executeQuery("SELECT row_to_json(t)::text FROM " + table + " t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
            try (ResultSet rs = db.createStatement().executeQuery(
                    "SELECT convert_from(payload, 'UTF8') || convert_from(metaData, 'UTF8') FROM DomainEventEntry")) {
                while (rs.next()) {
                    all.append(rs.getString(1)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private String rawTopic() {
        StringBuilder raw = new StringBuilder();
        system.consume(records -> false, Duration.ofSeconds(3)).forEach(r -> raw.append(r.value()).append('\n'));
        return raw.toString();
    }
}

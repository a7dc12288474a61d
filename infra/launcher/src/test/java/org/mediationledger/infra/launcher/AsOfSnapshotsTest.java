package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mediationledger.infra.launcher.AccessMatrixTest.TODAY;

/**
 * The case as it stood (API.md, {@code /api/audit/cases/{id}/state?asOf=}) from the nearest snapshot of the
 * case file (decision 0017) is exactly the answer of the replay from the case's first event: compared at
 * instants before, on and after snapshots of a long case, with the snapshots there and then deleted
 * (without one the as-of replays every event). A snapshot taken before the worker's personal data
 * was erased keeps no ciphertext afterwards and still gives the replay's answer; a rebuild rebuilds the
 * snapshots equal to the live ones.
 */
class AsOfSnapshotsTest extends WholeSystemTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The snapshots of a case of 230 events: one every 20 of its events (CaseFileProjection.SNAPSHOT_EVERY). */
    private static final List<Long> SNAPSHOTS = LongStream.rangeClosed(1, 11).map(n -> 20 * n).boxed().toList();
    /** The first events, and before, on and after snapshots. */
    private static final List<Integer> INSTANTS = List.of(0, 1, 2, 19, 20, 21, 99, 100, 101, 175, 199, 200, 201, 228);

    @Test
    void anAsOfFromASnapshot_equalsTheReplayFromTheFirstEvent_acrossALongCase() throws Exception {
        registerLawyer();
        String caseId = AccessMatrixTest.mediated();
        extendTo(caseId, 230);
        assertThat(snapshotSequences(caseId)).isEqualTo(SNAPSHOTS);
        JsonNode history = system.view("/api/audit/cases/" + caseId + "/history").get("events");

        Map<Integer, JsonNode> fromSnapshots = asOf(caseId, history);
        Map<Integer, JsonNode> replayed = withoutSnapshots(caseId, () -> asOf(caseId, history));

        for (int sequence : INSTANTS) {
            JsonNode then = fromSnapshots.get(sequence);
            assertThat(then).as("as of sequence %d", sequence).isEqualTo(replayed.get(sequence));
            assertThat(then.get("version").asLong()).isEqualTo(lastAt(history, sequence));
            assertThat(then.get("timeline")).hasSize((int) lastAt(history, sequence) + 1);
            assertThat(then.get("claimant").get("idNumber").asText()).contains("*");
        }
        JsonNode middle = fromSnapshots.get(175);
        assertThat(middle.get("sessions").size() + middle.get("payments").size()).isEqualTo(174);
        assertThat(middle.get("recoveredFen").asLong()).isEqualTo(100L * middle.get("payments").size());

        // the as-of does start from the latest snapshot at or before the instant, and only from one of the current layout
        withSnapshotsHeld(caseId, () -> {
            alterSnapshot(caseId, 100, "SET tables = jsonb_set(tables, '{dispute_case,0,recovered_fen}', "
                    + "to_jsonb((tables #>> '{dispute_case,0,recovered_fen}')::bigint + 1))");
            assertThat(asOf(caseId, history, 101).get("recoveredFen").asLong())
                    .isEqualTo(replayed.get(101).get("recoveredFen").asLong() + 1);
            assertThat(asOf(caseId, history, 99)).isEqualTo(replayed.get(99));
            alterSnapshot(caseId, 100, "SET layout = 'another layout'");
            assertThat(asOf(caseId, history, 101)).as("from the snapshot at 80").isEqualTo(replayed.get(101));
            return null;
        });
    }

    @Test
    void aSnapshotTakenBeforeAnErasure_keepsNoCiphertext_andStillGivesTheReplaysAnswer() throws Exception {
        registerLawyer();
        String caseId = AccessMatrixTest.mediated();
        extendTo(caseId, 229);
        system.command("/api/cases/" + caseId + "/closure", "lawyer1", "{\"outcome\":\"WITHDRAWN\",\"closedOn\":\"" + TODAY + "\"}");
        await().atMost(PATIENCE).until(() -> system.view("/api/cases/" + caseId).get("version").asLong() == 229);
        assertThat(snapshotSequences(caseId)).isEqualTo(SNAPSHOTS);
        List<String> ciphertexts = registrationCiphertexts(caseId);
        assertThat(snapshotsText(caseId)).contains(ciphertexts);

        String worker = system.view("/api/cases/" + caseId).get("claimant").get("claimantKey").asText();
        system.command("/api/workers/" + worker + "/erasure", "staff", "{\"reason\":\"本人申请删除个人信息\"}");
        await().atMost(PATIENCE).until(() ->
                system.view("/api/cases/" + caseId).get("claimant").get("idNumber").asText().equals("[erased]"));

        String scrubbed = snapshotsText(caseId);
        for (String ciphertext : ciphertexts) {
            assertThat(scrubbed).doesNotContain(ciphertext);
        }
        assertThat(scrubbed).doesNotContain("\"id_number_hash\": \"").contains("\"personal_data_erased\": true");

        JsonNode rebuild = awaitRebuild(startRebuild());
        assertThat(rebuild.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(rebuild.get("differenceCount").asLong()).as("rebuilt snapshots equal the scrubbed ones: %s", rebuild).isZero();

        JsonNode history = system.view("/api/audit/cases/" + caseId + "/history").get("events");
        Map<Integer, JsonNode> fromSnapshots = asOf(caseId, history);
        Map<Integer, JsonNode> replayed = withoutSnapshots(caseId, () -> asOf(caseId, history));
        for (int sequence : INSTANTS) {
            JsonNode then = fromSnapshots.get(sequence);
            assertThat(then).as("as of sequence %d", sequence).isEqualTo(replayed.get(sequence));
            assertThat(then.get("claimant").get("idNumber").asText()).isEqualTo("[erased]");
            assertThat(then.get("claimant").get("phone").asText()).isEqualTo("[erased]");
            assertThat(then.get("version").asLong()).isEqualTo(lastAt(history, sequence));
        }
    }

    /** Sessions and payments of 100 fen, alternating, as lawyer1, until the case holds {@code events} events. */
    private static void extendTo(String caseId, int events) {
        for (int sequence = 2; sequence < events; sequence++) {
            if (sequence % 2 == 0) {
                system.command("/api/cases/" + caseId + "/mediation-sessions", "lawyer1", "{\"sessionId\":\"s-" + sequence
                        + "\",\"heldOn\":\"" + TODAY + "\",\"summary\":\"第" + sequence + "次调解\"}");
            } else {
                system.command("/api/cases/" + caseId + "/payments", "lawyer1", "{\"paymentId\":\"" + UUID.randomUUID()
                        + "\",\"amountFen\":100,\"paidOn\":\"" + TODAY + "\",\"source\":\"EMPLOYER_VOLUNTARY\"}");
            }
        }
        await().atMost(PATIENCE).until(() -> system.view("/api/cases/" + caseId).get("version").asLong() == events - 1);
    }

    /** The case as of each of {@link #INSTANTS}. */
    private static Map<Integer, JsonNode> asOf(String caseId, JsonNode history) {
        Map<Integer, JsonNode> answers = new LinkedHashMap<>();
        for (int sequence : INSTANTS) {
            answers.put(sequence, asOf(caseId, history, sequence));
        }
        return answers;
    }

    /** The case as of the instant its event of that sequence occurred. */
    private static JsonNode asOf(String caseId, JsonNode history, int sequence) {
        JsonNode event = history.get(sequence);
        assertThat(event.get("sequence").asLong()).isEqualTo(sequence);
        return system.view("/api/audit/cases/" + caseId + "/state?asOf=" + event.get("occurredAt").asText());
    }

    /** Changes a snapshot behind the system's back ({@code change}: the SET clause of an UPDATE). */
    private static void alterSnapshot(String caseId, long sequence, String change) throws Exception {
        try (Connection db = system.database();
             PreparedStatement update = db.prepareStatement("UPDATE views.case_file_snapshot " + change
                     + " WHERE case_id = ? AND sequence = ?")) {
            update.setString(1, caseId);
            update.setLong(2, sequence);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<Long> snapshotSequences(String caseId) throws Exception {
        List<Long> sequences = new ArrayList<>();
        try (Connection db = system.database();
             PreparedStatement query = db.prepareStatement("SELECT sequence FROM views.case_file_snapshot WHERE case_id = ? ORDER BY sequence")) {
            query.setString(1, caseId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getLong(1));
                }
            }
        }
        return sequences;
    }

    private static String snapshotsText(String caseId) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection db = system.database();
             PreparedStatement query = db.prepareStatement("SELECT tables::text FROM views.case_file_snapshot WHERE case_id = ?")) {
            query.setString(1, caseId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    text.append(rs.getString(1));
                }
            }
        }
        return text.toString();
    }

    /** The ID number's and the phone's ciphertext as the case's registration stored them. */
    private static List<String> registrationCiphertexts(String caseId) throws Exception {
        try (Connection db = system.database();
             PreparedStatement query = db.prepareStatement("SELECT convert_from(payload, 'UTF8')::jsonb -> 'claimant' FROM DomainEventEntry "
                     + "WHERE aggregateIdentifier = ? AND sequenceNumber = 0")) {
            query.setString(1, caseId);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                JsonNode claimant = RunningSystem.read(rs.getString(1));
                return List.of(claimant.get("idNumber").asText(), claimant.get("phone").asText());
            }
        }
    }

    /** Without snapshots an as-of replays the case from its first event: the answer to compare with. */
    private static <T> T withoutSnapshots(String caseId, Callable<T> read) throws Exception {
        return withSnapshotsHeld(caseId, () -> {
            try (Connection db = system.database();
                 PreparedStatement delete = db.prepareStatement("DELETE FROM views.case_file_snapshot WHERE case_id = ?")) {
                delete.setString(1, caseId);
                assertThat(delete.executeUpdate()).isEqualTo(SNAPSHOTS.size());
            }
            return read.call();
        });
    }

    /**
     * Runs {@code body}, which may delete or alter the case's snapshots, and then puts them back as they were,
     * so that a later rebuild (the other test's) finds the live ones whole.
     */
    private static <T> T withSnapshotsHeld(String caseId, Callable<T> body) throws Exception {
        try (Connection db = system.database()) {
            try (PreparedStatement hold = db.prepareStatement("CREATE TEMPORARY TABLE held AS SELECT * FROM views.case_file_snapshot "
                    + "WHERE case_id = ?")) {
                hold.setString(1, caseId);
                hold.execute();
            }
            try {
                return body.call();
            } finally {
                try (PreparedStatement putBack = db.prepareStatement("DELETE FROM views.case_file_snapshot WHERE case_id = ?")) {
                    putBack.setString(1, caseId);
                    putBack.executeUpdate();
                }
                db.createStatement().execute("INSERT INTO views.case_file_snapshot SELECT * FROM held");
            }
        }
    }

    /** The last sequence that occurred at or before the event of {@code sequence} (the next may share its instant). */
    private static long lastAt(JsonNode history, int sequence) {
        Instant at = Instant.parse(history.get(sequence).get("occurredAt").asText());
        long last = sequence;
        while (last + 1 < history.size() && !Instant.parse(history.get((int) last + 1).get("occurredAt").asText()).isAfter(at)) {
            last++;
        }
        return last;
    }

    private static void registerLawyer() {
        HttpResponse<String> registered = system.post("/api/lawyers", "staff",
                "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":1000}");
        assertThat(registered.statusCode()).as("registered now or by the other test").isIn(200, 201, 409);
    }

    private static String startRebuild() {
        HttpResponse<String> started = post("/api/audit/rebuilds");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return RunningSystem.read(started.body()).get("rebuildId").asText();
    }

    private static JsonNode awaitRebuild(String rebuildId) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> system.view("/api/audit/rebuilds/" + rebuildId), r -> !r.get("status").asText().equals("RUNNING"));
    }

    private static HttpResponse<String> post(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(system.queryUri() + path))
                    .header("Authorization", RunningSystem.basic("auditor"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

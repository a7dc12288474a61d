package org.mediationledger.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mediationledger.infra.launcher.AccessMatrixTest.TODAY;

/**
 * Rebuilds of every view from the event store (API.md, {@code /api/audit/rebuilds}): while cases go on being
 * written and read, the rebuilt tables equal the live views row for row; a view altered behind the
 * system's back shows as a difference naming its row; switching to the rebuild repairs it, and what is
 * written afterwards is applied once.
 */
class RebuildTest extends WholeSystemTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aRebuild_equalsTheLiveViews_findsARowAlteredBehindTheirBack_andSwitchingRepairsIt() throws Exception {
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":1000}");
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String caseId = AccessMatrixTest.agreed();
            system.command("/api/cases/" + caseId + "/payments", "lawyer1", payment(100_000 + i));
            cases.add(caseId);
        }
        AccessMatrixTest.terminated();
        String last = cases.get(cases.size() - 1);
        await().atMost(PATIENCE).until(() -> system.view("/api/cases/" + last).get("recoveredFen").asLong() > 0);

        // a rebuild while commands and reads go on
        ExecutorService traffic = Executors.newSingleThreadExecutor();
        Future<Integer> writes = traffic.submit(() -> {
            int written = 0;
            for (int i = 0; i < 20; i++) {
                AccessMatrixTest.mediated();
                system.view("/api/cases/" + cases.get(i % cases.size()));
                written++;
            }
            return written;
        });
        JsonNode clean = awaitRebuild(startRebuild());
        assertThat(writes.get()).isEqualTo(20);
        traffic.shutdown();
        assertThat(clean.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(clean.get("differenceCount").asLong()).as(clean.toString()).isZero();
        assertThat(clean.get("eventsHeld").asLong()).isZero();
        assertThat(clean.get("eventsReplayed").asLong()).isEqualTo(storedEventsUpTo(clean.get("upToGlobalIndex").asLong()));
        assertThat(clean.get("eventsPerSecond").asLong()).isPositive();
        assertThat(clean.get("rowsCompared").asLong()).isPositive();

        // someone with database access changes a view: the next rebuild names the row
        String altered = cases.get(3);
        try (Connection db = system.database()) {
            assertThat(db.createStatement().executeUpdate(
                    "UPDATE views.dispute_case SET recovered_fen = recovered_fen + 1 WHERE case_id = '" + altered + "'")).isEqualTo(1);
        }
        JsonNode found = awaitRebuild(startRebuild());
        assertThat(found.get("differenceCount").asLong()).isEqualTo(1);
        JsonNode difference = found.get("differences").get(0);
        assertThat(difference.get("view").asText()).isEqualTo("dispute_case");
        assertThat(difference.get("key").asText()).isEqualTo(altered);
        assertThat(difference.get("live").get("recovered_fen").asLong())
                .isEqualTo(difference.get("rebuilt").get("recovered_fen").asLong() + 1);

        HttpResponse<String> notYet = post("/api/audit/rebuilds/" + clean.get("rebuildId").asText() + "/switch", "auditor");
        assertThat(notYet.statusCode()).as("an earlier rebuild's tables are gone").isEqualTo(409);
        assertThat(post("/api/audit/rebuilds/" + found.get("rebuildId").asText() + "/switch", "lawyer1").statusCode()).isEqualTo(403);
        HttpResponse<String> switched = post("/api/audit/rebuilds/" + found.get("rebuildId").asText() + "/switch", "auditor");
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(RunningSystem.read(switched.body()).get("status").asText()).isEqualTo("SWITCHED");
        assertThat(system.view("/api/cases/" + altered).get("recoveredFen").asLong()).isEqualTo(100_003);

        // after the switch the live ingestion goes on, applying each new event once
        system.command("/api/cases/" + altered + "/payments", "lawyer1", payment(1_000));
        await().atMost(PATIENCE).until(() -> system.view("/api/cases/" + altered).get("recoveredFen").asLong() == 101_003);
        JsonNode after = awaitRebuild(startRebuild());
        assertThat(after.get("differenceCount").asLong()).as(after.toString()).isZero();

        // the report's rollups are compared too, summed over the partitions that wrote them: a row moved by hand shows
        try (Connection db = system.database()) {
            assertThat(db.createStatement().executeUpdate("UPDATE views.report_payment_day SET recovered_fen = recovered_fen + 7 "
                    + "WHERE ctid = (SELECT ctid FROM views.report_payment_day WHERE grouping = 'all' LIMIT 1)")).isEqualTo(1);
        }
        JsonNode rollupMoved = awaitRebuild(startRebuild());
        assertThat(rollupMoved.get("differenceCount").asLong()).as(rollupMoved.toString()).isEqualTo(1);
        JsonNode rollupDifference = rollupMoved.get("differences").get(0);
        assertThat(rollupDifference.get("view").asText()).isEqualTo("report_payment_day");
        assertThat(rollupDifference.get("key").asText()).startsWith("all//");
        assertThat(rollupDifference.get("live").get("recovered_fen").asLong())
                .isEqualTo(rollupDifference.get("rebuilt").get("recovered_fen").asLong() + 7);
    }

    private static String payment(long amountFen) {
        return "{\"paymentId\":\"" + UUID.randomUUID() + "\",\"amountFen\":" + amountFen + ",\"paidOn\":\"" + TODAY
                + "\",\"source\":\"EMPLOYER_VOLUNTARY\"}";
    }

    private String startRebuild() {
        HttpResponse<String> started = post("/api/audit/rebuilds", "auditor");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return RunningSystem.read(started.body()).get("rebuildId").asText();
    }

    private JsonNode awaitRebuild(String rebuildId) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> system.view("/api/audit/rebuilds/" + rebuildId), r -> !r.get("status").asText().equals("RUNNING"));
    }

    private long storedEventsUpTo(long globalIndex) throws Exception {
        try (Connection db = system.database();
             ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM DomainEventEntry WHERE globalIndex <= " + globalIndex)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private HttpResponse<String> post(String path, String user) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(system.queryUri() + path))
                    .header("Authorization", RunningSystem.basic(user))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.mediationledger.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A user always sees their own write (docs/read-your-writes.md), over the whole system: with the query
 * side's ingestion held back on purpose, a court liaison officer opens the case they have just referred
 * and a lawyer the case assigned to them a moment before. Each is told "not caught up yet" (409 with
 * Retry-After) while the views lag, never "not found" or "not yours", and reads the case once
 * ingestion resumes.
 */
class ReadYourWritesTest extends WholeSystemTest {

    /** The query side's views lock (ViewsLock.KEY): taken exclusively, no event is applied until it is released. */
    static final long VIEWS_LOCK = 0x4d4c5649455753L;
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void aCourtOpensTheCaseItJustReferred_andALawyerTheCaseJustAssigned_whileTheViewsAreHeldBack() throws Exception {
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer3\",\"name\":\"刘律师\",\"maxActiveCases\":10}");
        String referred = UUID.randomUUID().toString();
        String assigned = UUID.randomUUID().toString();
        system.command("/api/cases", "staff", AccessMatrixTest.intake(assigned));
        awaitView(assigned, 0);

        long referralVersion;
        long assignmentVersion;
        try (HeldIngestion held = holdIngestion()) {
            referralVersion = system.command("/api/court-referrals", "court1", AccessMatrixTest.referral(referred)).path("version").asLong();
            assignmentVersion = system.command("/api/cases/" + assigned + "/mediator", "staff",
                    "{\"lawyerId\":\"lawyer3\",\"receivedOn\":\"" + TODAY + "\"}").path("version").asLong();

            assertNotCaughtUp(system.get("/api/cases/" + referred + "?minVersion=" + referralVersion, "court1", "application/json"));
            assertNotCaughtUp(system.get("/api/cases/" + referred, "court1", "application/json"));
            // the lawyer did not write: no version to ask for, and still no refusal
            assertNotCaughtUp(system.get("/api/cases/" + assigned, "lawyer3", "application/json"));
        }

        JsonNode referral = readOnceCaughtUp("court1", "/api/cases/" + referred + "?minVersion=" + referralVersion);
        assertThat(referral.path("courtReferral").path("court").asText()).isEqualTo("court1");
        assertThat(referral.path("courtReferral").path("courtCaseNumber").asText()).isEqualTo("(2025)鲁0203民初77号");
        JsonNode assignment = readOnceCaughtUp("lawyer3", "/api/cases/" + assigned);
        assertThat(assignment.path("mediatorId").asText()).isEqualTo("lawyer3");
        assertThat(assignment.path("version").asLong()).isGreaterThanOrEqualTo(assignmentVersion);
        // refusals still hold once the views are current
        assertThat(system.get("/api/cases/" + referred, "court2", "application/json").statusCode()).isEqualTo(403);
        assertThat(system.get("/api/cases/" + assigned, "lawyer4", "application/json").statusCode()).isEqualTo(403);
    }

    /** Reads until 200; every answer before it must be "not caught up yet", never a refusal. */
    private JsonNode readOnceCaughtUp(String user, String path) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> answer = system.get(path, user, "application/json");
            answers.add(answer);
            return answer.statusCode() == 200;
        });
        answers.subList(0, answers.size() - 1).forEach(ReadYourWritesTest::assertNotCaughtUp);
        return RunningSystem.read(answers.get(answers.size() - 1).body());
    }

    private static void assertNotCaughtUp(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(RunningSystem.read(answer.body()).path("title").asText()).isEqualTo("Not caught up yet");
    }

    private void awaitView(String caseId, long version) {
        await().atMost(PATIENCE).until(() ->
                system.get("/api/cases/" + caseId + "?minVersion=" + version, "staff", "application/json").statusCode() == 200);
    }

    private HeldIngestion holdIngestion() throws SQLException {
        return holdIngestion(system);
    }

    static HeldIngestion holdIngestion(RunningSystem system) throws SQLException {
        Connection connection = system.database();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + VIEWS_LOCK + ")");
        }
        return new HeldIngestion(connection);
    }

    /** The views lock on a connection of the test's own; closing it lets ingestion go on. */
    record HeldIngestion(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.commit();
            connection.close();
        }
    }
}

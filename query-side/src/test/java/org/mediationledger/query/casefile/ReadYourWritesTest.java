package org.mediationledger.query.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.config.ViewSettings;
import org.mediationledger.query.ingest.AggregateCatchUp;
import org.mediationledger.query.ingest.ViewsLock;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.LawyerEvents;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.TestDatabase;
import org.mediationledger.query.web.NotCaughtUp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Read your own writes (docs/read-your-writes.md): with ingestion held back on purpose (the views'
 * advisory lock taken exclusively, as a switch to rebuilt views takes it), a read that asks for the
 * version a command answered, or a case that has just become the reader's, is answered "not caught up
 * yet" (409, Retry-After) and never "not found" or "not yours"; once ingestion resumes, the same read
 * answers the case. Refusals still come once the views are current.
 */
class ReadYourWritesTest extends ProjectionTestBase {

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "read_your_writes", "mediation.events.read-your-writes");
        // short, so that a held read answers quickly here; the default is 5 s
        registry.add("ml.views.catch-up-wait", () -> "1s");
    }

    @Test
    void aCaseJustReferred_isNotCaughtUpWhileIngestionIsHeld_thenTheCourtReadsIt() throws Exception {
        CaseStory referral = new CaseStory();
        List<PublishedEvent> sent = List.of(referral.registeredReferral(db, "370203199001011011"),
                referral.referredByCourt("court1", "(2025)鲁0203民初77号", LocalDate.of(2025, 6, 1)));
        String path = "/api/cases/" + referral.caseId();

        try (HeldIngestion held = holdIngestion()) {
            storeAndPublish(sent);
            HttpResponse<String> waiting = get("court1", path + "?minVersion=1");
            assertNotCaughtUp(waiting, referral.caseId(), 1, -1);
            // without a version asked for: the store holds the referral, so no "not found" either
            assertNotCaughtUp(get("court1", path), referral.caseId(), 1, -1);
        }
        JsonNode caseFile = Api.parse(readOnceCaughtUp("court1", path + "?minVersion=1").body());
        assertThat(caseFile.path("version").asLong()).isEqualTo(1);
        assertThat(caseFile.path("courtReferral").path("courtCaseNumber").asText()).isEqualTo("(2025)鲁0203民初77号");
        // another court is refused once the views are current, not before
        assertThat(get("court2", path).statusCode()).isEqualTo(403);
    }

    @Test
    void aLawyerJustAssigned_isNotRefusedWhileTheViewsLag_thenReadsTheCase() throws Exception {
        CaseStory story = new CaseStory();
        publishAndAwait(LawyerEvents.registered("lawyer7", "律师七", 5), story.registeredReferral(db, "370203199001011022"));
        String path = "/api/cases/" + story.caseId();
        assertThat(get("lawyer7", path).statusCode()).as("not lawyer7's case yet").isEqualTo(403);

        try (HeldIngestion held = holdIngestion()) {
            storeAndPublish(List.of(story.mediatorAssigned("lawyer7", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 17), null)));
            // lawyer7 did not write, so asks for no version: the store is ahead of the views, so no 403
            assertNotCaughtUp(get("lawyer7", path), story.caseId(), 1, 0);
            assertNotCaughtUp(get("lawyer7", path + "/personal-data"), story.caseId(), 1, 0);
        }
        assertThat(Api.parse(readOnceCaughtUp("lawyer7", path).body()).path("mediatorId").asText()).isEqualTo("lawyer7");
        assertThat(readOnceCaughtUp("lawyer7", path + "/personal-data").statusCode()).isEqualTo(200);
        assertThat(get("lawyer8", path).statusCode()).as("a lawyer never responsible, once the views are current").isEqualTo(403);
    }

    @Test
    void aVersionNoCommandEverAnswered_isRefusedAtOnce_namingMinVersion() {
        CaseStory story = new CaseStory();
        List<PublishedEvent> sent = List.of(story.registeredReferral(db, "370203199001011033"));
        storeAndPublish(sent);
        awaitApplied(sent);
        String path = "/api/cases/" + story.caseId();

        HttpResponse<String> ahead = get("staff", path + "?minVersion=5");
        assertThat(ahead.statusCode()).isEqualTo(400);
        assertThat(Api.parse(ahead.body()).path("errors").get(0).path("field").asText()).isEqualTo("minVersion");
        assertThat(ahead.body()).contains("is ahead of the last version of case " + story.caseId() + " (0)");
        for (String bad : List.of("-1", "seven", "1.5")) {
            HttpResponse<String> refused = get("staff", path + "?minVersion=" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(Api.parse(refused.body()).path("errors").get(0).path("field").asText()).as(bad).isEqualTo("minVersion");
        }
        assertThat(get("staff", path + "?minVersion=0").statusCode()).isEqualTo(200);
        String unknown = "/api/cases/00000000-0000-4000-8000-00000000beef";
        assertThat(get("staff", unknown).statusCode()).as("nothing stored, nothing to wait for").isEqualTo(404);
        assertThat(get("staff", unknown + "?minVersion=0").statusCode()).isEqualTo(400);
    }

    @Test
    void aWaitingRead_returnsAsSoonAsTheViewsReachTheVersion() throws Exception {
        CaseStory story = new CaseStory();
        List<PublishedEvent> sent = List.of(story.registeredReferral(db, "370203199001011044"));
        AggregateCatchUp patient = new AggregateCatchUp(db,
                new ViewSettings(ZoneId.of("Asia/Shanghai"), 7, 20, 200, PATIENCE));
        AggregateCatchUp impatient = new AggregateCatchUp(db,
                new ViewSettings(ZoneId.of("Asia/Shanghai"), 7, 20, 200, Duration.ofMillis(200)));
        CompletableFuture<Void> waiter;
        try (HeldIngestion held = holdIngestion()) {
            storeAndPublish(sent);
            assertThatThrownBy(() -> impatient.awaitVersion("case", story.caseId(), 0, "minVersion"))
                    .isInstanceOf(NotCaughtUp.class).hasMessageContaining("still taking in version 0");
            waiter = CompletableFuture.runAsync(() -> patient.awaitVersion("case", story.caseId(), 0, "minVersion"));
            assertThat(waiter).as("waiting while ingestion is held").isNotDone();
        }
        waiter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS); // returns, without NotCaughtUp, once the event is applied
        assertThat(lastApplied(story.caseId())).isEqualTo(0);
    }

    /** Reads until the views have caught up; every answer before is "not caught up yet", never a refusal. */
    private HttpResponse<String> readOnceCaughtUp(String user, String path) {
        List<Integer> seen = new ArrayList<>();
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = get(user, path);
            seen.add(last[0].statusCode());
            if (last[0].statusCode() != 200) {
                assertNotCaughtUp(last[0]);
            }
            return last[0].statusCode() == 200;
        });
        assertThat(seen).as("answers to %s on %s", user, path).allMatch(status -> status == 200 || status == 409);
        return last[0];
    }

    private static void assertNotCaughtUp(HttpResponse<String> answer, String caseId, long wanted, long atVersion) {
        assertNotCaughtUp(answer);
        JsonNode problem = Api.parse(answer.body());
        assertThat(problem.path("aggregateId").asText()).isEqualTo(caseId);
        assertThat(problem.path("wantedVersion").asLong()).isEqualTo(wanted);
        assertThat(problem.path("viewVersion").asLong()).isEqualTo(atVersion);
        assertThat(problem.path("detail").asText()).contains("case " + caseId);
    }

    private static void assertNotCaughtUp(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Api.parse(answer.body()).path("title").asText()).isEqualTo("Not caught up yet");
    }

    /** As the command side does: the events are stored first, then the relay publishes them. */
    private void storeAndPublish(List<PublishedEvent> sent) {
        TestDatabase.stored(db, sent);
        events().publish(sent);
    }

    private HttpResponse<String> get(String user, String path) {
        return api.get(path, user, QuerySideUnderTest.PASSWORD, "application/json");
    }

    /** The views' lock held exclusively on a connection of the test's own: no event is applied until it is closed. */
    private HeldIngestion holdIngestion() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + ViewsLock.KEY + ")");
        }
        return new HeldIngestion(connection);
    }

    private record HeldIngestion(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.commit();
            connection.close();
        }
    }
}

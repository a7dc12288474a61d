package org.mediationledger.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediationledger.events.wire.ChainHash;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.PublishedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side through its real edge: HTTP with authentication, Axon on a real PostgreSQL, and the
 * relay to a real Kafka broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // close while Kafka and PostgreSQL still run
@ExtendWith(OutputCaptureExtension.class)
class CommandSideIntegrationTest {

    static final String ID_NUMBER = "37020319900307123X";
    static final String PHONE = "13912345678";
    static final String COURT_CASE_NUMBER = "(2025)鲁0203民初77号";
    static final ObjectMapper JSON = EventJson.newObjectMapper();
    static String topic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topic = TestInfrastructure.register(registry);
        // these tests count a case's versions exactly, on cases dated in 2025 whose mediation periods are long
        // over: a lapse recorded by the deadline scheduler in between would add a version. Deadlines have
        // their own tests (PersistentDeadlinesTest, MediationPeriodLapseAfterRestartTest).
        registry.add("ml.deadlines.poll-interval", () -> "1h");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionManager axonTransactionManager;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void health_andOpenApi_needNoCredentials() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("/api/cases/{caseId}/payments");
    }

    @Test
    void axon_runsInSpringManagedTransactions() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void intake_isStoredWithActorMetadata_andPublishedToKafkaWithoutPlaintextPersonalData() throws Exception {
        String lawyerId = "it-lawyer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/lawyers", "staff", "{\"lawyerId\":\"" + lawyerId + "\",\"name\":\"王芳\",\"maxActiveCases\":5}").statusCode())
                .isEqualTo(201);
        String caseId = UUID.randomUUID().toString();
        HttpResponse<String> created = post("/api/court-referrals", "court1", referral(caseId, ID_NUMBER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(JSON.readTree(created.body()).get("caseId").asText()).isEqualTo(caseId);

        Map<String, Object> stored = jdbc.queryForMap(
                "SELECT payloadType, convert_from(metaData, 'UTF8') AS meta, convert_from(payload, 'UTF8') AS payload "
                        + "FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 1", caseId);
        assertThat(stored.get("payloadtype")).isEqualTo("org.mediationledger.events.disputecase.CourtReferralReceived");
        JsonNode meta = JSON.readTree((String) stored.get("meta"));
        assertThat(meta.get("actorId").asText()).isEqualTo("court1");
        assertThat(meta.get("actorRole").asText()).isEqualTo("COURT_LIAISON");
        assertThat(meta.get("requestId").asText()).isNotBlank();
        assertThat(meta.get("correlationId").asText()).isNotBlank();
        assertThat(meta.get("causationId").asText()).isNotBlank();
        assertThat((String) stored.get("payload")).contains(COURT_CASE_NUMBER);

        List<ConsumerRecord<String, byte[]>> published = consumeUntil(records ->
                records.stream().filter(r -> r.key().equals(caseId)).count() >= 2);
        List<PublishedEvent> ofCase = published.stream().filter(r -> r.key().equals(caseId)).map(CommandSideIntegrationTest::envelope).toList();
        assertThat(ofCase).extracting(PublishedEvent::type).containsExactly("DisputeRegistered", "CourtReferralReceived");
        assertThat(ofCase).extracting(PublishedEvent::sequence).containsExactly(0L, 1L);
        assertThat(ofCase.get(1).payload().get("courtCaseNumber").asText()).isEqualTo(COURT_CASE_NUMBER);
        assertThat(ofCase.get(0).metadata().actorId()).isEqualTo("court1");
        assertThat(ofCase.get(0).globalIndex()).isLessThan(ofCase.get(1).globalIndex());
        for (PublishedEvent event : ofCase) { // the relay sends the stored bytes, never a re-serialization
            String storedPayload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry WHERE eventIdentifier = ?",
                    String.class, event.eventId());
            assertThat(event.payload()).as("payload of %s as stored", event.type()).isEqualTo(JSON.readTree(storedPayload));
            assertThat(event.revision()).isNotBlank();
        }

        String everyStoredByte = String.join("\n", jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') || convert_from(metaData, 'UTF8') FROM DomainEventEntry", String.class));
        String everyPublishedByte = published.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).reduce("", String::concat);
        for (String secret : List.of(ID_NUMBER, PHONE, ID_NUMBER.substring(0, 17))) {
            assertThat(everyStoredByte).doesNotContain(secret);
            assertThat(everyPublishedByte).doesNotContain(secret);
        }
    }

    @Test
    void paymentsOnOneCase_neverExceedWhatIsOwed_andARepeatedPaymentCountsOnce() throws Exception {
        String caseId = registerMediatedCase(100_000);
        HttpResponse<String> first = post("/api/cases/" + caseId + "/payments", "lawyer1", payment("pay-1", 30_000));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = post("/api/cases/" + caseId + "/payments", "lawyer1", payment("pay-1", 30_000));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(eventCount(caseId, "WagePaymentRecorded")).isEqualTo(1);

        HttpResponse<String> over = post("/api/cases/" + caseId + "/payments", "lawyer1", payment("pay-2", 70_001));
        assertThat(over.statusCode()).isEqualTo(409);
        assertThat(over.body()).contains("exceeds what is outstanding").contains("amountFen");
        assertThat(eventCount(caseId, "WagePaymentRecorded")).isEqualTo(1);

        // twelve clients pay 10,000 fen each at once on the 70,000 fen still outstanding
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<Integer>> payments = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String paymentId = "concurrent-" + i;
            payments.add(() -> {
                for (int attempt = 0; ; attempt++) {
                    HttpResponse<String> response = post("/api/cases/" + caseId + "/payments", "lawyer1", payment(paymentId, 10_000));
                    boolean lostARace = response.statusCode() == 409 && response.body().contains("Concurrent change");
                    if (!lostARace || attempt > 20) {
                        return response.statusCode();
                    }
                }
            });
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(payments)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        Long recovered = jdbc.queryForObject("SELECT COALESCE(SUM((convert_from(payload, 'UTF8')::jsonb ->> 'amountFen')::bigint), 0) "
                + "FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE '%WagePaymentRecorded'", Long.class, caseId);
        assertThat(recovered).isLessThanOrEqualTo(100_000L);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(7);
        assertThat(recovered).isEqualTo(100_000L);
    }

    /**
     * Two writers racing for a case's next sequence number: the store's unique key decides, and the
     * loser is retried and then answered 409, never 500, with or without an Idempotency-Key (whose
     * outer transaction is where PostgreSQL's unique violation surfaces, as a batch update failure).
     */
    @Test
    void thirtyTwoConcurrentPayments_halfWithIdempotencyKeys_areEach201Or409_andCountOnce() throws Exception {
        String caseId = registerMediatedCase(10_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<HttpResponse<String>>> payments = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String paymentId = "race-" + i;
            String[] headers = i % 2 == 0 ? new String[]{"Idempotency-Key", "race-key-" + i} : new String[0];
            payments.add(() -> post("/api/cases/" + caseId + "/payments", "lawyer1", payment(paymentId, 1_000), headers));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> f : pool.invokeAll(payments)) {
            answers.add(f.get());
        }
        pool.shutdown();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isIn(201, 409));
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 409)
                .allSatisfy(answer -> assertThat(answer.body()).contains("Concurrent change"));
        long created = answers.stream().filter(answer -> answer.statusCode() == 201).count();
        assertThat(eventCount(caseId, "WagePaymentRecorded")).isEqualTo((int) created);
    }

    @Test
    void badInput_getsA400NamingTheFieldAndRule_andWritesNothing() throws Exception {
        String mediated = registerMediatedCase(1000);
        long before = totalEvents();
        HttpResponse<String> wrongCheckDigit = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), "370203199003071231", 1000));
        assertThat(wrongCheckDigit.statusCode()).isEqualTo(400);
        assertThat(wrongCheckDigit.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        JsonNode problem = JSON.readTree(wrongCheckDigit.body());
        assertThat(problem.has("errors")).as(wrongCheckDigit.body()).isTrue();
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("claimant.idNumber");
        assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("check digit does not match");
        assertThat(wrongCheckDigit.body()).doesNotContain("370203199003071231");

        HttpResponse<String> negative = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), ID_NUMBER, -5));
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("claimedFen");

        HttpResponse<String> malformed = post("/api/cases", "staff", "{\"claimant\": {");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("title").asText()).isEqualTo("Malformed JSON");

        HttpResponse<String> badEnum = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), ID_NUMBER, 1000)
                .replace("\"UNPAID_WAGES\"", "\"UNPAID\""));
        assertThat(badEnum.statusCode()).isEqualTo(400);
        assertThat(badEnum.body()).contains("category").contains("must be one of");

        HttpResponse<String> badCreditCode = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), ID_NUMBER, 1000)
                .replace("91370203MA3C0X0X0E", "91370203MA3C0X0X0X"));
        assertThat(badCreditCode.statusCode()).isEqualTo(400);
        assertThat(badCreditCode.body()).contains("respondents[0].creditCode").contains("check character does not match");

        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        HttpResponse<String> future = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), ID_NUMBER, 1000)
                .replace("\"appliedOn\":\"2025-06-02\"", "\"appliedOn\":\"" + tomorrow + "\""));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("appliedOn");

        HttpResponse<String> fractionalFen = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), ID_NUMBER, 1000)
                .replace("\"claimedFen\":1000", "\"claimedFen\":1000.5"));
        assertThat(fractionalFen.statusCode()).isEqualTo(400);
        assertThat(fractionalFen.body()).contains("claimedFen");

        HttpResponse<String> amountAsText = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), ID_NUMBER, 1000)
                .replace("\"claimedFen\":1000", "\"claimedFen\":\"1000\""));
        assertThat(amountAsText.statusCode()).isEqualTo(400);

        HttpResponse<String> unsafeRequestId = post("/api/cases", "staff", intake(UUID.randomUUID().toString(), ID_NUMBER, 1000),
                "X-Request-Id", "<script>");
        assertThat(unsafeRequestId.statusCode()).isEqualTo(400);
        assertThat(unsafeRequestId.body()).contains("X-Request-Id");

        HttpResponse<String> instalmentsNotAddingUp = post("/api/cases/" + mediated + "/agreement", "lawyer1",
                "{\"agreedFen\":900,\"effectiveOn\":\"2025-06-10\",\"instalments\":[{\"dueOn\":\"2025-07-01\",\"amountFen\":100}]}");
        assertThat(instalmentsNotAddingUp.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(instalmentsNotAddingUp.body()).get("errors").get(0).get("field").asText()).isEqualTo("instalments");

        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void unknownCase_is404_staleIfMatch_is409_andAuthenticationAndRolesAreEnforced() throws Exception {
        HttpResponse<String> unknown = post("/api/cases/" + UUID.randomUUID() + "/payments", "lawyer1", payment("p", 1));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no case with id");

        String caseId = registerMediatedCase(50_000);
        HttpResponse<String> stale = post("/api/cases/" + caseId + "/payments", "lawyer1", payment("p1", 100), "If-Match", "\"7\"");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("If-Match");
        HttpResponse<String> current = post("/api/cases/" + caseId + "/payments", "lawyer1", payment("p1", 100), "If-Match", "\"1\"");
        assertThat(current.statusCode()).isEqualTo(201);
        assertThat(current.headers().firstValue("ETag")).contains("\"2\"");

        long before = totalEvents();
        HttpResponse<String> noPassword = http.send(HttpRequest.newBuilder(uri("/api/cases/" + caseId + "/payments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payment("p2", 100))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noPassword.statusCode()).isEqualTo(401);
        assertThat(noPassword.body()).contains("credentials");
        HttpResponse<String> wrongPassword = send("/api/cases/" + caseId + "/payments", "lawyer1", "nope", payment("p2", 100));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        HttpResponse<String> auditor = post("/api/cases/" + caseId + "/payments", "auditor", payment("p2", 100));
        assertThat(auditor.statusCode()).isEqualTo(403);
        HttpResponse<String> anotherLawyer = post("/api/cases/" + caseId + "/payments", "lawyer2", payment("p2", 100));
        assertThat(anotherLawyer.statusCode()).isEqualTo(403);
        assertThat(anotherLawyer.body()).contains("only the lawyer responsible");
        assertThat(auditor.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        HttpResponse<String> staffPaying = post("/api/cases/" + caseId + "/payments", "staff", payment("p2", 100));
        assertThat(staffPaying.statusCode()).isEqualTo(403);
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void idempotencyKey_repeatsTheFirstAnswer_andRefusesAnotherBody() throws Exception {
        String caseId = UUID.randomUUID().toString();
        String body = intake(caseId, "370202198506154423", 80_000);
        HttpResponse<String> first = post("/api/cases", "staff", body, "Idempotency-Key", "intake-" + caseId);
        HttpResponse<String> retry = post("/api/cases", "staff", body, "Idempotency-Key", "intake-" + caseId);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(eventCount(caseId, "DisputeRegistered")).isEqualTo(1);

        HttpResponse<String> misuse = post("/api/cases", "staff", intake(caseId, "370202198506154423", 90_000),
                "Idempotency-Key", "intake-" + caseId);
        assertThat(misuse.statusCode()).isEqualTo(422);

        // without a caseId, the key alone keeps a retried intake from creating a second case
        String anonymous = intake(null, "421303199201015563", 10_000);
        HttpResponse<String> a = post("/api/cases", "staff", anonymous, "Idempotency-Key", "anon-" + caseId);
        HttpResponse<String> b = post("/api/cases", "staff", anonymous, "Idempotency-Key", "anon-" + caseId);
        assertThat(JSON.readTree(a.body()).get("caseId")).isEqualTo(JSON.readTree(b.body()).get("caseId"));
    }

    @Test
    void courtConfirmsTheAgreement_andEnforcementEnds_eachByTheRolesAllowed() throws Exception {
        String caseId = registerMediatedCase(400_000);
        String base = "/api/cases/" + caseId;
        assertThat(post(base + "/agreement", "lawyer1", "{\"agreedFen\":300000,\"effectiveOn\":\"2025-06-10\"}").statusCode())
                .isEqualTo(200);
        String confirmation = "{\"court\":\"court1\",\"rulingNumber\":\"(2025)鲁0203民特12号\",\"appliedOn\":\"2025-06-20\","
                + "\"confirmedOn\":\"2025-06-25\"}";
        assertThat(post(base + "/judicial-confirmation", "lawyer1", confirmation).statusCode()).isEqualTo(403);
        HttpResponse<String> otherCourt = post(base + "/judicial-confirmation", "court2", confirmation);
        assertThat(otherCourt.statusCode()).isEqualTo(403);
        assertThat(otherCourt.body()).contains("court");
        HttpResponse<String> confirmed = post(base + "/judicial-confirmation", "court1", confirmation);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        HttpResponse<String> late = post(base + "/judicial-confirmation", "court1", confirmation.replace("2025-06-20", "2025-07-20"));
        assertThat(late.statusCode()).isEqualTo(409);

        HttpResponse<String> ended = post(base + "/enforcement-termination", "lawyer1",
                "{\"court\":\"court1\",\"rulingNumber\":\"(2025)鲁0203执301号之一\",\"terminatedOn\":\"2025-10-20\"}");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%EnforcementTerminated'", String.class, caseId);
        assertThat(JSON.readTree(payload).get("outstandingFen").asLong()).isEqualTo(300_000);
    }

    @Test
    void sameWorker_keepsOneClaimantKeyAcrossCases() throws Exception {
        String first = registerCase(1000);
        String second = registerCase(2000);
        List<String> keys = jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb -> 'claimant' ->> 'claimantKey' "
                + "FROM DomainEventEntry WHERE aggregateIdentifier IN (?, ?) AND sequenceNumber = 0", String.class, first, second);
        assertThat(keys).hasSize(2).containsOnly(keys.get(0));
    }

    @Test
    void longHistory_isSnapshotted_andStillLoads() throws Exception {
        String caseId = registerMediatedCase(1_000_000);
        for (int i = 0; i < 60; i++) {
            assertThat(post("/api/cases/" + caseId + "/payments", "lawyer1", payment("snap-" + i, 100)).statusCode()).isEqualTo(201);
        }
        awaitSnapshot(caseId);
        HttpResponse<String> after = post("/api/cases/" + caseId + "/payments", "lawyer1", payment("snap-last", 100));
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(after.headers().firstValue("ETag")).contains("\"62\"");
        assertThat(post("/api/cases/" + caseId + "/payments", "lawyer1", payment("snap-3", 100)).headers().firstValue("ETag"))
                .contains("\"62\"");
    }

    /** The database links each stored event to its predecessor exactly as auditors recompute it (ChainHash). */
    @Test
    void everyStoredEvent_carriesItsLinkInTheCasesHashChain() throws Exception {
        String caseId = registerMediatedCase(500_000);
        assertThat(post("/api/cases/" + caseId + "/payments", "lawyer1", payment("chain-1", 100)).statusCode()).isEqualTo(201);
        assertThat(post("/api/cases/" + caseId + "/payments", "lawyer1", payment("chain-2", 200)).statusCode()).isEqualTo(201);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber", caseId);
        assertThat(rows).hasSize(4);
        byte[] previous = ChainHash.genesis();
        for (Map<String, Object> row : rows) {
            byte[] expected = ChainHash.link(previous, new ChainHash.StoredEvent(
                    (String) row.get("aggregateidentifier"), (Long) row.get("sequencenumber"), (String) row.get("eventidentifier"),
                    (String) row.get("payloadtype"), (String) row.get("payloadrevision"), (String) row.get("timestamp"),
                    (byte[]) row.get("payload"), (byte[]) row.get("metadata")));
            assertThat((byte[]) row.get("chainhash")).as("link of sequence %s", row.get("sequencenumber")).isEqualTo(expected);
            previous = expected;
        }
    }

    @Test
    void logs_neverShowPersonalData(CapturedOutput output) throws Exception {
        registerCase(3000);
        post("/api/cases", "staff", intake(UUID.randomUUID().toString(), "370203199003071231", 1000));
        assertThat(output.getAll()).doesNotContain(ID_NUMBER).doesNotContain(PHONE).doesNotContain("370203199003071231");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void awaitSnapshot(String caseId) {
        org.awaitility.Awaitility.await("a snapshot of case " + caseId).atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?", Integer.class, caseId) > 0);
    }

    /** A case with lawyer1 as its mediator: only the responsible lawyer may write to a case. */
    String registerMediatedCase(long claimedFen) throws Exception {
        String lawyer = post("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":1000}").body();
        assertThat(lawyer).contains("lawyer1");
        String caseId = registerCase(claimedFen);
        HttpResponse<String> assigned = post("/api/cases/" + caseId + "/mediator", "staff",
                "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"2025-06-03\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        return caseId;
    }

    String registerCase(long claimedFen) throws Exception {
        String caseId = UUID.randomUUID().toString();
        HttpResponse<String> response = post("/api/cases", "staff", intake(caseId, ID_NUMBER, claimedFen));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return caseId;
    }

    @Test
    void intakeCheck_namesTheWorkersOpenCases_writesNothing_andIsForStaff() throws Exception {
        String idNumber = freshIdNumber();
        String check = "{\"idNumber\":\"" + idNumber + "\"}";
        Integer workersBefore = jdbc.queryForObject("SELECT count(*) FROM pii.worker_key", Integer.class);
        HttpResponse<String> unknown = post("/api/intake-checks", "staff", check);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(unknown.body()).get("openCases")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pii.worker_key", Integer.class))
                .as("asking registers no worker").isEqualTo(workersBefore);

        String caseId = UUID.randomUUID().toString();
        assertThat(post("/api/cases", "staff", intake(caseId, idNumber, 50_000)).statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(post("/api/intake-checks", "staff", check.replace("X", "x")).body()).get("openCases"))
                .extracting(JsonNode::asText).containsExactly(caseId);

        assertThat(post("/api/cases/" + caseId + "/closure", "staff", "{\"outcome\":\"WITHDRAWN\",\"closedOn\":\""
                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(post("/api/intake-checks", "staff", check).body()).get("openCases")).isEmpty();

        HttpResponse<String> invalid = post("/api/intake-checks", "staff", "{\"idNumber\":\"370203199003071231\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"idNumber\"").doesNotContain("370203199003071231");
        assertThat(post("/api/intake-checks", "lawyer1", check).statusCode()).isEqualTo(403);
        assertThat(post("/api/intake-checks", "court1", check).statusCode()).isEqualTo(403);
    }

    /**
     * A resident ID number no other test uses, with its GB 11643 check digit, one that ends in X (so a
     * lower-case x can be shown to find the same worker).
     */
    static String freshIdNumber() {
        java.util.Random random = new java.util.Random();
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        while (true) {
            String body = "370203199003" + String.format("%02d", 1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (body.charAt(i) - '0') * weights[i];
            }
            if ("10X98765432".charAt(sum % 11) == 'X') {
                return body + "X";
            }
        }
    }

    static String intake(String caseId, String idNumber, long claimedFen) {
        return "{" + (caseId == null ? "" : "\"caseId\":\"" + caseId + "\",")
                + "\"claimant\":{\"name\":\"张伟\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"" + PHONE + "\","
                + "\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"青岛某某配送服务有限公司\",\"creditCode\":\"91370203MA3C0X0X0E\"}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":" + claimedFen + ",\"channel\":\"WALK_IN\","
                + "\"district\":\"市北区\",\"facts\":\"三个月送餐工资未结\",\"appliedOn\":\"2025-06-02\"}";
    }

    static String referral(String caseId, String idNumber) {
        return "{\"caseId\":\"" + caseId + "\",\"court\":\"court1\",\"courtCaseNumber\":\"" + COURT_CASE_NUMBER + "\","
                + "\"referralKind\":\"ENTRUSTED\",\"procedure\":\"SIMPLE\",\"referredOn\":\"2025-06-03\",\"partiesConsented\":true,"
                + "\"claimant\":{\"name\":\"李强\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"" + PHONE + "\","
                + "\"employmentForm\":\"LABOR_DISPATCH\"},"
                + "\"respondents\":[{\"name\":\"某物流公司\",\"creditCode\":null}],"
                + "\"category\":\"OVERTIME_PAY\",\"claimedFen\":360000,\"district\":\"李沧区\",\"facts\":\"加班费\"}";
    }

    static String payment(String paymentId, long amountFen) {
        return "{\"paymentId\":\"" + paymentId + "\",\"amountFen\":" + amountFen
                + ",\"paidOn\":\"2025-06-20\",\"source\":\"EMPLOYER_VOLUNTARY\"}";
    }

    HttpResponse<String> post(String path, String user, String json, String... headers) throws Exception {
        return send(path, user, "demo", json, headers);
    }

    HttpResponse<String> send(String path, String user, String password, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }

    int eventCount(String caseId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE ?",
                Integer.class, caseId, "%." + type);
    }

    static PublishedEvent envelope(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readValue(record.value(), PublishedEvent.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<ConsumerRecord<String, byte[]>> consumeUntil(java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.runtime().kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!done.test(records) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(done.test(records)).as("expected events reached topic " + topic).isTrue();
        return records;
    }
}

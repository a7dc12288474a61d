package org.mediationledger.query.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.LawyerEvents;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.Worker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The case file, fed through the real topic name ({@code mediation.events}). */
class CaseFileViewTest extends ProjectionTestBase {

    private static final String ID_NUMBER = "110105199001011234";
    private static final String PHONE = "13812345678";

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "case_file_view", "mediation.events");
    }

    @Test
    void caseFile_showsEverythingRecorded_withPersonalDataMasked() {
        Worker worker = Worker.enrol(db, "张伟", ID_NUMBER, PHONE);
        CaseStory story = new CaseStory();
        List<PublishedEvent> sent = List.of(
                LawyerEvents.registered("lawyer1", "李律师", 10),
                story.registered(worker, EmploymentForm.PLATFORM_COOPERATION, DisputeCategory.UNPAID_WAGES,
                        IntakeChannel.COURT_REFERRAL, "市北区", 1_250_000, LocalDate.of(2025, 6, 3)),
                story.referredByCourt("青岛市市北区人民法院", "(2025)鲁0203民初77号", LocalDate.of(2025, 6, 3)),
                story.mediatorAssigned("lawyer1", LocalDate.of(2025, 6, 4), LocalDate.of(2025, 6, 11), null),
                story.sessionHeld(LocalDate.of(2025, 6, 5), "双方同意分期支付"),
                story.agreementReached(1_000_000, LocalDate.of(2025, 6, 6), List.of(
                        new Instalment(LocalDate.of(2025, 6, 8), 300_000),
                        new Instalment(LocalDate.of(2025, 7, 8), 700_000))),
                story.paid(300_000, LocalDate.of(2025, 6, 8), PaymentSource.INSTALMENT));
        publishAndAwait(sent);

        HttpResponse<String> response = api.get("/api/cases/" + story.caseId());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .doesNotContain(ID_NUMBER).doesNotContain(PHONE)
                .doesNotContain(worker.record(EmploymentForm.PLATFORM_COOPERATION).idNumber().base64());
        JsonNode file = Api.parse(response.body());

        assertThat(file.get("caseId").asText()).isEqualTo(story.caseId());
        assertThat(file.get("stage").asText()).isEqualTo("AGREED");
        JsonNode claimant = file.get("claimant");
        assertThat(claimant.get("claimantKey").asText()).isEqualTo(worker.claimantKey());
        assertThat(claimant.get("name").asText()).isEqualTo("张伟");
        assertThat(claimant.get("idNumber").asText()).isEqualTo("110***********1234");
        assertThat(claimant.get("phone").asText()).isEqualTo("138****5678");
        assertThat(claimant.get("employmentForm").asText()).isEqualTo("PLATFORM_COOPERATION");
        assertThat(file.get("respondents")).hasSize(2);
        assertThat(file.get("respondents").get(0).get("name").asText()).isEqualTo("青岛某某配送服务有限公司");
        assertThat(file.get("category").asText()).isEqualTo("UNPAID_WAGES");
        assertThat(file.get("channel").asText()).isEqualTo("COURT_REFERRAL");
        assertThat(file.get("district").asText()).isEqualTo("市北区");
        assertThat(file.get("facts").asText()).isEqualTo("2025年3月至5月送餐工资未结清");
        assertThat(file.get("appliedOn").asText()).isEqualTo("2025-06-02");
        assertThat(file.get("registeredOn").asText()).isEqualTo("2025-06-03");

        assertThat(file.get("claimedFen").asLong()).isEqualTo(1_250_000);
        assertThat(file.get("agreedFen").asLong()).isEqualTo(1_000_000);
        assertThat(file.get("enforceableFen").isNull()).isTrue();
        assertThat(file.get("recoveredFen").asLong()).isEqualTo(300_000);
        assertThat(file.get("outstandingFen").asLong()).isEqualTo(700_000);
        assertThat(file.get("reliefPaidFen").asLong()).isZero();

        assertThat(file.get("mediatorId").asText()).isEqualTo("lawyer1");
        assertThat(file.get("responsibleLawyerId").asText()).isEqualTo("lawyer1");
        assertThat(file.get("legalAidLawyerId").isNull()).isTrue();

        JsonNode referral = file.get("courtReferral");
        assertThat(referral.get("court").asText()).isEqualTo("青岛市市北区人民法院");
        assertThat(referral.get("courtCaseNumber").asText()).isEqualTo("(2025)鲁0203民初77号");
        assertThat(referral.get("referralKind").asText()).isEqualTo("ENTRUSTED");
        assertThat(referral.get("procedure").asText()).isEqualTo("SIMPLE");
        assertThat(referral.get("referredOn").asText()).isEqualTo("2025-06-03");
        assertThat(referral.get("regime").asText()).isEqualTo("FILING_FIRST_2025");

        JsonNode agreement = file.get("agreement");
        assertThat(agreement.get("agreedFen").asLong()).isEqualTo(1_000_000);
        assertThat(agreement.get("effectiveOn").asText()).isEqualTo("2025-06-06");
        assertThat(agreement.get("instalments")).hasSize(2);
        assertThat(agreement.get("instalments").get(1).get("dueOn").asText()).isEqualTo("2025-07-08");
        assertThat(agreement.get("instalments").get(1).get("amountFen").asLong()).isEqualTo(700_000);

        assertThat(file.get("sessions")).hasSize(1);
        assertThat(file.get("sessions").get(0).get("summary").asText()).isEqualTo("双方同意分期支付");
        JsonNode payment = file.get("payments").get(0);
        assertThat(file.get("payments")).hasSize(1);
        assertThat(payment.get("amountFen").asLong()).isEqualTo(300_000);
        assertThat(payment.get("paidOn").asText()).isEqualTo("2025-06-08");
        assertThat(payment.get("source").asText()).isEqualTo("INSTALMENT");
        assertThat(payment.get("paymentId").asText()).isNotBlank();

        // the agreement took effect on 06-06, before the period's last day 06-11: met
        // the agreement met the mediation period and started the confirmation window (CPL arts. 205-206) and
        // one deadline per instalment; the first instalment was paid on its day
        JsonNode deadlines = file.get("deadlines");
        assertThat(deadlines).hasSize(4);
        assertThat(deadlines.get(0).get("kind").asText()).isEqualTo("MEDIATION_PERIOD");
        assertThat(deadlines.get(0).get("dueOn").asText()).isEqualTo("2025-06-11");
        assertThat(deadlines.get(0).get("status").asText()).isEqualTo("MET");
        assertThat(deadlines.get(1).get("kind").asText()).isEqualTo("INSTALMENT");
        assertThat(deadlines.get(1).get("number").asInt()).isEqualTo(1);
        assertThat(deadlines.get(1).get("status").asText()).isEqualTo("MET");
        assertThat(deadlines.get(2).get("kind").asText()).isEqualTo("CONFIRMATION_WINDOW");
        assertThat(deadlines.get(2).get("dueOn").asText()).isEqualTo("2025-07-06");
        assertThat(deadlines.get(2).get("status").asText()).isEqualTo("PENDING");
        assertThat(deadlines.get(3).get("number").asInt()).isEqualTo(2);
        assertThat(deadlines.get(3).get("status").asText()).isEqualTo("PENDING");
        assertThat(file.get("nextDue").asText()).isEqualTo("2025-07-06");
        assertThat(file.get("closure").isNull()).isTrue();
        assertThat(file.get("projectionStall").isNull()).isTrue();

        assertThat(file.get("version").asLong()).isEqualTo(5);
        JsonNode timeline = file.get("timeline");
        assertThat(timeline).hasSize(6);
        List<String> types = new ArrayList<>();
        timeline.forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types).containsExactly("DisputeRegistered", "CourtReferralReceived", "MediatorAssigned",
                "MediationSessionHeld", "MediationAgreementReached", "WagePaymentRecorded");
        assertThat(timeline.get(1).get("actorId").asText()).isEqualTo("court1");
        assertThat(timeline.get(1).get("actorRole").asText()).isEqualTo("COURT_LIAISON");
        assertThat(timeline.get(5).get("sequence").asLong()).isEqualTo(5);
        assertThat(timeline.get(5).get("occurredAt").asText()).endsWith("Z");
    }

    @Test
    void awardedAndClosedCase_owesTheAward_andShowsALateEndOfMediationAsLapsed() {
        Worker worker = Worker.enrol(db, "王芳", "370203198502023456", "13987654321");
        CaseStory story = new CaseStory();
        publishAndAwait(
                story.registered(worker, EmploymentForm.LABOR_CONTRACT, DisputeCategory.OVERTIME_PAY,
                        IntakeChannel.WALK_IN, "李沧区", 800_000, LocalDate.of(2025, 5, 2)),
                story.mediatorAssigned("lawyer2", LocalDate.of(2025, 5, 3), LocalDate.of(2025, 5, 16), null),
                story.mediationFailed(LocalDate.of(2025, 5, 19)),
                story.awardRecorded(900_000, LocalDate.of(2025, 5, 30)),
                story.paid(900_000, LocalDate.of(2025, 6, 5), PaymentSource.COURT_ENFORCEMENT),
                story.closed(ClosureOutcome.RECOVERED_IN_FULL, LocalDate.of(2025, 6, 6)));

        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("stage").asText()).isEqualTo("CLOSED");
        assertThat(file.get("agreedFen").isNull()).isTrue();
        assertThat(file.get("enforceableFen").asLong()).isEqualTo(900_000);
        assertThat(file.get("recoveredFen").asLong()).isEqualTo(900_000);
        assertThat(file.get("outstandingFen").asLong()).isZero();
        assertThat(file.get("agreement").isNull()).isTrue();
        assertThat(file.get("courtReferral").isNull()).isTrue();
        assertThat(file.get("deadlines").get(0).get("status").asText()).isEqualTo("LAPSED");
        assertThat(file.get("closure").get("outcome").asText()).isEqualTo("RECOVERED_IN_FULL");
        assertThat(file.get("closure").get("closedOn").asText()).isEqualTo("2025-06-06");
        assertThat(file.get("version").asLong()).isEqualTo(5);
    }

    @Test
    void confirmedAgreement_isEnforceable_andEndedEnforcementShowsItsStage() {
        Worker worker = Worker.enrol(db, "刘洋", "370202198506154423", "13700001111");
        CaseStory story = new CaseStory();
        publishAndAwait(
                story.registered(worker, EmploymentForm.PLATFORM_COOPERATION, DisputeCategory.UNPAID_WAGES,
                        IntakeChannel.WALK_IN, "市北区", 600_000, LocalDate.of(2025, 5, 2)),
                story.mediatorAssigned("lawyer3", LocalDate.of(2025, 5, 3), LocalDate.of(2025, 5, 17), null),
                story.agreementReached(500_000, LocalDate.of(2025, 5, 10), java.util.List.of()),
                story.judiciallyConfirmed(LocalDate.of(2025, 5, 20), LocalDate.of(2025, 5, 28)));
        JsonNode confirmed = api.json("/api/cases/" + story.caseId());
        assertThat(confirmed.get("stage").asText()).isEqualTo("AGREED");
        assertThat(confirmed.get("enforceableFen").asLong()).isEqualTo(500_000);

        publishAndAwait(
                story.paid(100_000, LocalDate.of(2025, 6, 5), PaymentSource.COURT_ENFORCEMENT),
                story.enforcementTerminated(LocalDate.of(2025, 9, 30)));
        JsonNode ended = api.json("/api/cases/" + story.caseId());
        assertThat(ended.get("stage").asText()).isEqualTo("ENFORCEMENT_TERMINATED");
        assertThat(ended.get("outstandingFen").asLong()).isEqualTo(400_000);
        assertThat(ended.get("responsibleLawyerId").asText()).isEqualTo("lawyer3");
    }

    @Test
    void pendingMediationPastItsLastDay_showsLapsed_andStaysNextDue() {
        Worker worker = Worker.enrol(db, "刘强", "370203199203034567", "13700001111");
        CaseStory story = new CaseStory();
        publishAndAwait(
                story.registered(worker, EmploymentForm.OUTSOURCING, DisputeCategory.UNPAID_WAGES,
                        IntakeChannel.HOTLINE, "市南区", 300_000, LocalDate.of(2025, 5, 20)),
                story.mediatorAssigned("lawyer1", LocalDate.of(2025, 5, 21), LocalDate.of(2025, 6, 4), null));

        JsonNode file = api.json("/api/cases/" + story.caseId());
        assertThat(file.get("stage").asText()).isEqualTo("IN_MEDIATION");
        assertThat(file.get("deadlines").get(0).get("status").asText()).isEqualTo("LAPSED");
        assertThat(file.get("nextDue").asText()).isEqualTo("2025-06-04");

        publishAndAwait(story.extended(LocalDate.of(2025, 6, 20), LocalDate.of(2025, 6, 3)));
        JsonNode extended = api.json("/api/cases/" + story.caseId());
        assertThat(extended.get("deadlines").get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(extended.get("nextDue").asText()).isEqualTo("2025-06-20");
    }

    @Test
    void erasedWorkerKey_leavesPersonalDataUnreadable() {
        Worker worker = Worker.enrol(db, "陈静", "370203198807075678", "13655556666");
        CaseStory story = new CaseStory();
        publishAndAwait(story.registered(worker, EmploymentForm.LABOR_DISPATCH, DisputeCategory.SOCIAL_INSURANCE,
                IntakeChannel.ONLINE, "崂山区", 200_000, LocalDate.of(2025, 6, 1)));
        assertThat(api.json("/api/cases/" + story.caseId()).get("claimant").get("idNumber").asText())
                .isEqualTo("370***********5678");

        worker.erase(db);

        JsonNode claimant = api.json("/api/cases/" + story.caseId()).get("claimant");
        assertThat(claimant.get("idNumber").asText()).isEqualTo("[erased]");
        assertThat(claimant.get("phone").asText()).isEqualTo("[erased]");
        assertThat(claimant.get("name").asText()).isEqualTo("陈静");
    }

    @Test
    void unknownCase_isNotFoundProblem() {
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> response = api.get("/api/cases/" + unknown);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Api.parse(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asText()).isEqualTo("Not found");
        assertThat(problem.get("detail").asText()).contains(unknown);
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    }

    @Test
    void caseIdThatIsNotAUuid_isBadRequestNamingCaseId_asOnTheCommandSide() {
        HttpResponse<String> response = api.get("/api/cases/no-such-case");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Api.parse(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
        assertThat(problem.get("detail").asText()).isEqualTo("caseId must be a valid UUID");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("caseId");
        assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("must be a valid UUID");
    }

    @Test
    void caseId_isMatchedInItsCanonicalForm() {
        Worker worker = Worker.enrol(db, "钱伟", "370203199001017777", "13522223333");
        CaseStory story = new CaseStory();
        publishAndAwait(story.registered(worker, EmploymentForm.NONE_WRITTEN, DisputeCategory.OTHER,
                IntakeChannel.WALK_IN, "市南区", 50_000, LocalDate.of(2025, 6, 9)));

        JsonNode file = api.json("/api/cases/" + story.caseId().toUpperCase(java.util.Locale.ROOT));
        assertThat(file.get("caseId").asText()).isEqualTo(story.caseId());
    }

    @Test
    void everyRead_carriesTheHighestGlobalIndexApplied() {
        Worker worker = Worker.enrol(db, "赵磊", "370203199001016789", "13511112222");
        CaseStory story = new CaseStory();
        PublishedEvent registered = story.registered(worker, EmploymentForm.NONE_WRITTEN, DisputeCategory.OTHER,
                IntakeChannel.INFORMATION_OFFICER, "黄岛区", 100_000, LocalDate.of(2025, 6, 9));
        publishAndAwait(registered);

        String expected = Long.toString(registered.globalIndex());
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String path : List.of("/api/cases/" + story.caseId(), "/api/cases", "/api/caseload",
                    "/api/reports/recovered-wages", "/api/cases/no-such-case")) {
                assertThat(api.get(path).headers().firstValue("X-Projection-Position"))
                        .as("position header of %s", path).hasValue(expected);
            }
        });
    }
}

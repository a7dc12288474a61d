package org.mediationledger.query.caseload;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.LawyerEvents;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.Worker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case list and the caseload over seven cases of five lawyers; "today" is 2025-06-10 in Shanghai
 * ({@link org.mediationledger.query.support.FixedBusinessDay}).
 */
class CaseListAndCaseloadTest extends ProjectionTestBase {

    private static final String COURT = "青岛市市北区人民法院";
    private static boolean published;
    private static int workers;
    private static CaseStory dueSoonOfA;
    private static CaseStory overdueOfA;
    private static CaseStory agreedOfA;
    private static CaseStory dueOnLastDaySoonOfB;
    private static CaseStory closedOfB;
    private static CaseStory unassigned;
    private static CaseStory reassigned;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "case_list_caseload", "mediation.events.case-list-caseload");
    }

    @BeforeEach
    void sevenCases() {
        if (published) {
            return;
        }
        dueSoonOfA = new CaseStory();
        overdueOfA = new CaseStory();
        agreedOfA = new CaseStory();
        dueOnLastDaySoonOfB = new CaseStory();
        closedOfB = new CaseStory();
        unassigned = new CaseStory();
        reassigned = new CaseStory();
        List<PublishedEvent> sent = new ArrayList<>(List.of(
                LawyerEvents.registered("lawyerA", "安律师", 5),
                LawyerEvents.registered("lawyerB", "白律师", 3),
                LawyerEvents.registered("lawyerC", "陈律师", 4),
                LawyerEvents.registered("lawyerD", "邓律师", 2),
                LawyerEvents.registered("lawyerE", "鄂律师", 2)));
        sent.add(register(dueSoonOfA, "市北区", LocalDate.of(2025, 6, 1)));
        sent.add(dueSoonOfA.referredByCourt(COURT, "(2025)鲁0203民初101号", LocalDate.of(2025, 6, 1)));
        sent.add(dueSoonOfA.mediatorAssigned("lawyerA", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 12), null));
        sent.add(register(overdueOfA, "市北区", LocalDate.of(2025, 5, 20)));
        sent.add(overdueOfA.mediatorAssigned("lawyerA", LocalDate.of(2025, 5, 21), LocalDate.of(2025, 6, 5), null));
        // the lapse recorded: the deadline is no longer pending, the case is still overdue
        sent.add(overdueOfA.mediationPeriodLapsed(false));
        sent.add(register(agreedOfA, "李沧区", LocalDate.of(2025, 5, 25)));
        sent.add(agreedOfA.mediatorAssigned("lawyerA", LocalDate.of(2025, 5, 26), LocalDate.of(2025, 6, 9), null));
        sent.add(agreedOfA.agreementReached(150_000, LocalDate.of(2025, 6, 1), List.of()));
        sent.add(register(dueOnLastDaySoonOfB, "李沧区", LocalDate.of(2025, 6, 3)));
        sent.add(dueOnLastDaySoonOfB.referredByCourt(COURT, "(2025)鲁0203民初102号", LocalDate.of(2025, 6, 3)));
        sent.add(dueOnLastDaySoonOfB.mediatorAssigned("lawyerB", LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 17), null));
        sent.add(register(closedOfB, "崂山区", LocalDate.of(2025, 5, 10)));
        sent.add(closedOfB.mediatorAssigned("lawyerB", LocalDate.of(2025, 5, 11), LocalDate.of(2025, 5, 25), null));
        sent.add(closedOfB.closed(ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 5, 12)));
        sent.add(register(unassigned, "崂山区", LocalDate.of(2025, 6, 9)));
        sent.add(register(reassigned, "城阳区", LocalDate.of(2025, 6, 5)));
        sent.add(reassigned.mediatorAssigned("lawyerD", LocalDate.of(2025, 6, 5), LocalDate.of(2025, 6, 14), null));
        publishAndAwait(sent);
        published = true;
    }

    @Test
    void caseList_withoutFilters_listsEveryCase_newestRegistrationFirst() {
        JsonNode page = api.json("/api/cases");

        assertThat(page.get("total").asLong()).isEqualTo(7);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        assertThat(page.get("items").get(0).get("caseId").asText()).isEqualTo(unassigned.caseId());
        JsonNode dueSoon = item(page, dueSoonOfA.caseId());
        assertThat(dueSoon.get("stage").asText()).isEqualTo("IN_MEDIATION");
        assertThat(dueSoon.get("claimantName").asText()).isEqualTo("工人" + "市北区");
        assertThat(dueSoon.get("category").asText()).isEqualTo("UNPAID_WAGES");
        assertThat(dueSoon.get("district").asText()).isEqualTo("市北区");
        assertThat(dueSoon.get("claimedFen").asLong()).isEqualTo(200_000);
        assertThat(dueSoon.get("recoveredFen").asLong()).isZero();
        assertThat(dueSoon.get("outstandingFen").asLong()).isEqualTo(200_000);
        assertThat(dueSoon.get("court").asText()).isEqualTo(COURT);
        assertThat(dueSoon.get("nextDue").asText()).isEqualTo("2025-06-12");
        assertThat(dueSoon.get("registeredOn").asText()).isEqualTo("2025-06-01");
        assertThat(item(page, agreedOfA.caseId()).get("outstandingFen").asLong()).isEqualTo(150_000);
        // agreed: the mediation period is met, the confirmation window (30 days, CPL arts. 205-206) runs
        assertThat(item(page, agreedOfA.caseId()).get("nextDue").asText()).isEqualTo("2025-07-01");
    }

    @Test
    void caseList_filtersByLawyerStageCourtDistrictAndOverdue() {
        assertThat(ids("/api/cases?stage=IN_MEDIATION")).containsExactlyInAnyOrder(
                dueSoonOfA.caseId(), overdueOfA.caseId(), dueOnLastDaySoonOfB.caseId(), reassigned.caseId());
        assertThat(ids("/api/cases?court=" + encode(COURT)))
                .containsExactlyInAnyOrder(dueSoonOfA.caseId(), dueOnLastDaySoonOfB.caseId());
        assertThat(ids("/api/cases?district=" + encode("李沧区")))
                .containsExactlyInAnyOrder(agreedOfA.caseId(), dueOnLastDaySoonOfB.caseId());
        assertThat(ids("/api/cases?overdue=true")).containsExactly(overdueOfA.caseId());
        assertThat(ids("/api/cases?overdue=false")).hasSize(6).doesNotContain(overdueOfA.caseId());
        assertThat(ids("/api/cases?district=" + encode("市北区") + "&overdue=false")).containsExactly(dueSoonOfA.caseId());
        assertThat(ids("/api/cases?lawyerId=lawyerB"))
                .containsExactlyInAnyOrder(dueOnLastDaySoonOfB.caseId(), closedOfB.caseId());
        assertThat(ids("/api/cases?lawyerId=lawyerB&stage=CLOSED")).containsExactly(closedOfB.caseId());
    }

    @Test
    void caseList_pagesThroughAllCases() {
        Set<String> seen = new TreeSet<>();
        for (int page = 0; page < 4; page++) {
            JsonNode answer = api.json("/api/cases?size=2&page=" + page);
            assertThat(answer.get("items")).hasSize(page < 3 ? 2 : 1);
            assertThat(answer.get("total").asLong()).isEqualTo(7);
            assertThat(answer.get("size").asInt()).isEqualTo(2);
            assertThat(answer.get("page").asInt()).isEqualTo(page);
            answer.get("items").forEach(item -> seen.add(item.get("caseId").asText()));
        }
        assertThat(seen).hasSize(7);
        assertThat(api.json("/api/cases?size=2&page=4").get("items")).isEmpty();
    }

    @Test
    void caseList_sortedByNextDue_putsOverdueCasesFirst_thenTheEarliestDeadline_andCasesWithoutOneLast() {
        List<JsonNode> items = new ArrayList<>();
        api.json("/api/cases?sort=nextDue").get("items").forEach(items::add);
        assertThat(items.get(0).get("caseId").asText()).isEqualTo(overdueOfA.caseId());
        assertThat(items.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(items.get(0).get("nextDue").isNull()).as("its lapsed deadline is no longer pending").isTrue();
        List<String> dues = items.subList(1, items.size()).stream().map(i -> i.path("nextDue").asText("")).toList();
        List<String> withDeadline = dues.stream().filter(d -> !d.isEmpty()).toList();
        assertThat(withDeadline).isNotEmpty().isSorted();
        assertThat(dues.subList(0, withDeadline.size())).as("cases without a deadline come last").isEqualTo(withDeadline);
        assertThat(items.subList(1, items.size())).allSatisfy(i -> assertThat(i.get("overdue").asBoolean()).isFalse());
        assertBadParameter("/api/cases?sort=claimant", "sort", "must be one of registeredOn, nextDue");
    }

    @Test
    void caseList_badParameters_areProblemsNamingTheParameter() {
        assertBadParameter("/api/cases?stage=SETTLED", "stage", "must be one of REGISTERED");
        assertBadParameter("/api/cases?size=201", "size", "must be between 1 and 200");
        assertBadParameter("/api/cases?size=0", "size", "must be between 1 and 200");
        assertBadParameter("/api/cases?page=-1", "page", "must be between 0");
        assertBadParameter("/api/cases?page=first", "page", "must be a whole number");
        assertBadParameter("/api/cases?overdue=maybe", "overdue", "must be true or false");
    }

    @Test
    void caseload_countsActiveCasesByStage_dueSoonAndOverdue_forEveryLawyer() {
        JsonNode lawyers = api.json("/api/caseload").get("lawyers");

        assertThat(lawyers).hasSize(5);
        JsonNode a = lawyer(lawyers, "lawyerA");
        assertThat(a.get("name").asText()).isEqualTo("安律师");
        assertThat(a.get("maxActiveCases").asInt()).isEqualTo(5);
        assertThat(a.get("activeCases").asLong()).isEqualTo(3);
        assertThat(a.get("byStage").get("IN_MEDIATION").asLong()).isEqualTo(2);
        assertThat(a.get("byStage").get("AGREED").asLong()).isEqualTo(1);
        assertThat(a.get("byStage").get("REGISTERED").asLong()).isZero();
        assertThat(a.get("dueSoon").asLong()).isEqualTo(1);
        assertThat(a.get("overdue").asLong()).isEqualTo(1);

        // the closed case no longer counts; a deadline exactly 7 days ahead is due soon
        JsonNode b = lawyer(lawyers, "lawyerB");
        assertThat(b.get("activeCases").asLong()).isEqualTo(1);
        assertThat(b.get("byStage").has("CLOSED")).isFalse();
        assertThat(b.get("dueSoon").asLong()).isEqualTo(1);
        assertThat(b.get("overdue").asLong()).isZero();

        JsonNode c = lawyer(lawyers, "lawyerC");
        assertThat(c.get("activeCases").asLong()).isZero();
        assertThat(c.get("dueSoon").asLong()).isZero();
        assertThat(c.get("overdue").asLong()).isZero();
    }

    @Test
    void reassigningTheMediator_movesTheCaseToTheNewResponsibleLawyer() {
        JsonNode before = api.json("/api/caseload").get("lawyers");
        assertThat(lawyer(before, "lawyerD").get("activeCases").asLong()).isEqualTo(1);
        assertThat(lawyer(before, "lawyerD").get("dueSoon").asLong()).isEqualTo(1);
        assertThat(lawyer(before, "lawyerE").get("activeCases").asLong()).isZero();

        // the new mediator's period ends beyond the due-soon window
        publishAndAwait(reassigned.mediatorAssigned("lawyerE", LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 23), "lawyerD"));

        JsonNode after = api.json("/api/caseload").get("lawyers");
        assertThat(lawyer(after, "lawyerD").get("activeCases").asLong()).isZero();
        assertThat(lawyer(after, "lawyerD").get("dueSoon").asLong()).isZero();
        assertThat(lawyer(after, "lawyerE").get("activeCases").asLong()).isEqualTo(1);
        assertThat(lawyer(after, "lawyerE").get("byStage").get("IN_MEDIATION").asLong()).isEqualTo(1);
        assertThat(lawyer(after, "lawyerE").get("dueSoon").asLong()).isZero();
        JsonNode file = api.json("/api/cases/" + reassigned.caseId());
        assertThat(file.get("responsibleLawyerId").asText()).isEqualTo("lawyerE");
        assertThat(file.get("mediatorId").asText()).isEqualTo("lawyerE");
        assertThat(ids("/api/cases?lawyerId=lawyerD")).isEmpty();
        assertThat(ids("/api/cases?lawyerId=lawyerE")).containsExactly(reassigned.caseId());
    }

    private PublishedEvent register(CaseStory story, String district, LocalDate registeredOn) {
        Worker worker = Worker.enrol(db, "工人" + district, "37020319900101" + (1000 + workers++), "13800000000");
        return story.registered(worker, EmploymentForm.LABOR_CONTRACT, DisputeCategory.UNPAID_WAGES, IntakeChannel.WALK_IN,
                district, 200_000, registeredOn);
    }

    private void assertBadParameter(String path, String parameter, String rule) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Api.parse(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).contains("'" + parameter + "'").contains(rule);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(parameter);
    }

    private List<String> ids(String path) {
        List<String> ids = new ArrayList<>();
        api.json(path).get("items").forEach(item -> ids.add(item.get("caseId").asText()));
        return ids;
    }

    private static JsonNode item(JsonNode page, String caseId) {
        for (JsonNode item : page.get("items")) {
            if (item.get("caseId").asText().equals(caseId)) {
                return item;
            }
        }
        throw new AssertionError("case " + caseId + " not listed");
    }

    private static JsonNode lawyer(JsonNode lawyers, String lawyerId) {
        for (JsonNode lawyer : lawyers) {
            if (lawyer.get("lawyerId").asText().equals(lawyerId)) {
                return lawyer;
            }
        }
        throw new AssertionError("lawyer " + lawyerId + " not in the caseload");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

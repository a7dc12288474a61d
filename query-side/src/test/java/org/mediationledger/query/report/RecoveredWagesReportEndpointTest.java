package org.mediationledger.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.mediationledger.query.support.Worker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovered-wages report over five cases of four workers (one worker has two cases), registered
 * February to May 2025, with payments that fall in other months than their cases' registration.
 */
class RecoveredWagesReportEndpointTest extends ProjectionTestBase {

    private static final String REPORT = "/api/reports/recovered-wages";
    private static boolean published;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "recovered_wages", "mediation.events.recovered-wages");
    }

    @BeforeEach
    void fiveCases() {
        if (published) {
            return;
        }
        Worker w1 = Worker.enrol(db, "张伟", "370203199001011111", "13800000001");
        Worker w2 = Worker.enrol(db, "王芳", "370203199001012222", "13800000002");
        Worker w3 = Worker.enrol(db, "刘强", "370203199001013333", "13800000003");
        Worker w4 = Worker.enrol(db, "陈静", "370203199001014444", "13800000004");
        List<PublishedEvent> sent = new ArrayList<>();

        CaseStory k1 = new CaseStory();
        sent.add(k1.registered(w1, EmploymentForm.PLATFORM_COOPERATION, DisputeCategory.UNPAID_WAGES, IntakeChannel.WALK_IN,
                "市北区", 1_000_000, LocalDate.of(2025, 3, 10)));
        sent.add(k1.mediatorAssigned("lawyer1", LocalDate.of(2025, 3, 11), LocalDate.of(2025, 3, 25), null));
        sent.add(k1.agreementReached(800_000, LocalDate.of(2025, 3, 20), List.of()));
        sent.add(k1.paid(300_000, LocalDate.of(2025, 3, 25), PaymentSource.INSTALMENT));
        sent.add(k1.paid(200_000, LocalDate.of(2025, 4, 5), PaymentSource.INSTALMENT));

        // the same worker again: counted once among the workers helped
        CaseStory k2 = new CaseStory();
        sent.add(k2.registered(w1, EmploymentForm.LABOR_CONTRACT, DisputeCategory.OVERTIME_PAY, IntakeChannel.HOTLINE,
                "市北区", 500_000, LocalDate.of(2025, 4, 2)));
        sent.add(k2.paid(100_000, LocalDate.of(2025, 4, 20), PaymentSource.EMPLOYER_VOLUNTARY));

        CaseStory k3 = new CaseStory();
        sent.add(k3.registered(w2, EmploymentForm.PLATFORM_COOPERATION, DisputeCategory.UNPAID_WAGES,
                IntakeChannel.COURT_REFERRAL, "李沧区", 2_000_000, LocalDate.of(2025, 4, 15)));
        sent.add(k3.mediatorAssigned("lawyer2", LocalDate.of(2025, 4, 16), LocalDate.of(2025, 4, 23), null));
        sent.add(k3.mediationFailed(LocalDate.of(2025, 4, 22)));
        sent.add(k3.awardRecorded(1_500_000, LocalDate.of(2025, 5, 5)));
        sent.add(k3.paid(1_500_000, LocalDate.of(2025, 5, 10), PaymentSource.COURT_ENFORCEMENT));
        sent.add(k3.closed(ClosureOutcome.RECOVERED_IN_PART, LocalDate.of(2025, 5, 11)));

        CaseStory k4 = new CaseStory();
        sent.add(k4.registered(w3, EmploymentForm.NONE_WRITTEN, DisputeCategory.WORK_INJURY, IntakeChannel.ONLINE,
                "李沧区", 700_000, LocalDate.of(2025, 5, 3)));
        sent.add(k4.mediatorAssigned("lawyer1", LocalDate.of(2025, 5, 4), LocalDate.of(2025, 5, 18), null));
        sent.add(k4.agreementReached(600_000, LocalDate.of(2025, 5, 8), List.of()));

        // registered before April, paid in April
        CaseStory k5 = new CaseStory();
        sent.add(k5.registered(w4, EmploymentForm.LABOR_DISPATCH, DisputeCategory.UNPAID_WAGES, IntakeChannel.WALK_IN,
                "市北区", 300_000, LocalDate.of(2025, 2, 20)));
        sent.add(k5.paid(50_000, LocalDate.of(2025, 4, 10), PaymentSource.WAGE_FUND_ADVANCE));

        publishAndAwait(sent);
        published = true;
    }

    @Test
    void allTime_withoutGrouping_totalsEveryCaseAndPayment() {
        JsonNode report = api.json(REPORT);

        assertThat(report.get("rows")).isEmpty();
        assertTotals(report.get("total"), "TOTAL", 4, 5, 4_500_000, 1_400_000, 2_150_000, 1_550_000);
    }

    @Test
    void april_byDistrict_countsCasesByRegistrationAndPaymentsByPaymentDate() {
        JsonNode report = api.json(REPORT + "?from=2025-04-01&to=2025-04-30&groupBy=district");

        assertThat(report.get("rows")).hasSize(2);
        assertTotals(row(report, "市北区"), "市北区", 1, 1, 500_000, 0, 350_000, 400_000);
        assertTotals(row(report, "李沧区"), "李沧区", 1, 1, 2_000_000, 0, 0, 0);
        assertTotals(report.get("total"), "TOTAL", 2, 2, 2_500_000, 0, 350_000, 400_000);
    }

    @Test
    void byMonth_putsCasesInTheirRegistrationMonth_andPaymentsInTheirPaymentMonth() {
        JsonNode report = api.json(REPORT + "?groupBy=month");

        assertThat(keys(report)).containsExactly("2025-02", "2025-03", "2025-04", "2025-05");
        assertTotals(row(report, "2025-02"), "2025-02", 1, 1, 300_000, 0, 0, 250_000);
        assertTotals(row(report, "2025-03"), "2025-03", 1, 1, 1_000_000, 800_000, 300_000, 300_000);
        assertTotals(row(report, "2025-04"), "2025-04", 2, 2, 2_500_000, 0, 350_000, 400_000);
        assertTotals(row(report, "2025-05"), "2025-05", 1, 1, 700_000, 600_000, 1_500_000, 600_000);
        // the worker with a case in March and one in April is one worker helped
        assertTotals(report.get("total"), "TOTAL", 4, 5, 4_500_000, 1_400_000, 2_150_000, 1_550_000);
    }

    @Test
    void byCategory_employmentForm_channel_andDistrict_overAllTime() {
        JsonNode byCategory = api.json(REPORT + "?groupBy=category");
        assertThat(keys(byCategory)).containsExactly("OVERTIME_PAY", "UNPAID_WAGES", "WORK_INJURY");
        assertTotals(row(byCategory, "OVERTIME_PAY"), "OVERTIME_PAY", 1, 1, 500_000, 0, 100_000, 400_000);
        assertTotals(row(byCategory, "UNPAID_WAGES"), "UNPAID_WAGES", 3, 3, 3_300_000, 800_000, 2_050_000, 550_000);
        assertTotals(row(byCategory, "WORK_INJURY"), "WORK_INJURY", 1, 1, 700_000, 600_000, 0, 600_000);

        JsonNode byForm = api.json(REPORT + "?groupBy=employmentForm");
        assertThat(keys(byForm)).containsExactly("LABOR_CONTRACT", "LABOR_DISPATCH", "NONE_WRITTEN", "PLATFORM_COOPERATION");
        assertTotals(row(byForm, "LABOR_CONTRACT"), "LABOR_CONTRACT", 1, 1, 500_000, 0, 100_000, 400_000);
        assertTotals(row(byForm, "LABOR_DISPATCH"), "LABOR_DISPATCH", 1, 1, 300_000, 0, 50_000, 250_000);
        assertTotals(row(byForm, "NONE_WRITTEN"), "NONE_WRITTEN", 1, 1, 700_000, 600_000, 0, 600_000);
        assertTotals(row(byForm, "PLATFORM_COOPERATION"), "PLATFORM_COOPERATION", 2, 2, 3_000_000, 800_000, 2_000_000, 300_000);

        JsonNode byChannel = api.json(REPORT + "?groupBy=channel");
        assertThat(keys(byChannel)).containsExactly("COURT_REFERRAL", "HOTLINE", "ONLINE", "WALK_IN");
        assertTotals(row(byChannel, "COURT_REFERRAL"), "COURT_REFERRAL", 1, 1, 2_000_000, 0, 1_500_000, 0);
        assertTotals(row(byChannel, "HOTLINE"), "HOTLINE", 1, 1, 500_000, 0, 100_000, 400_000);
        assertTotals(row(byChannel, "ONLINE"), "ONLINE", 1, 1, 700_000, 600_000, 0, 600_000);
        assertTotals(row(byChannel, "WALK_IN"), "WALK_IN", 2, 2, 1_300_000, 800_000, 550_000, 550_000);

        JsonNode byDistrict = api.json(REPORT + "?groupBy=district");
        assertTotals(row(byDistrict, "市北区"), "市北区", 2, 3, 1_800_000, 800_000, 650_000, 950_000);
        assertTotals(row(byDistrict, "李沧区"), "李沧区", 2, 2, 2_700_000, 600_000, 1_500_000, 600_000);

        for (JsonNode report : List.of(byCategory, byForm, byChannel, byDistrict)) {
            assertTotals(report.get("total"), "TOTAL", 4, 5, 4_500_000, 1_400_000, 2_150_000, 1_550_000);
        }
    }

    @Test
    void openEndedPeriods_areLimitedOnOneSideOnly() {
        assertTotals(api.json(REPORT + "?from=2025-05-01").get("total"), "TOTAL", 1, 1, 700_000, 600_000, 1_500_000, 600_000);
        assertTotals(api.json(REPORT + "?to=2025-02-28").get("total"), "TOTAL", 1, 1, 300_000, 0, 0, 250_000);
        assertTotals(api.json(REPORT + "?from=2025-04-05&to=2025-04-05").get("total"), "TOTAL", 0, 0, 0, 0, 200_000, 0);
    }

    @Test
    void csv_hasAHeaderTheSameRowsAndTheTotal_inUtf8() {
        HttpResponse<String> response = api.getAccepting(REPORT + "?from=2025-04-01&to=2025-04-30&groupBy=district", "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("X-Projection-Position")).isPresent();
        assertThat(response.body()).isEqualTo(
                "key,workersHelped,cases,claimedFen,agreedFen,recoveredFen,reliefPaidFen,outstandingFen\r\n"
                        + "市北区,1,1,500000,0,350000,0,400000\r\n"
                        + "李沧区,1,1,2000000,0,0,0,0\r\n"
                        + "TOTAL,2,2,2500000,0,350000,0,400000\r\n");
    }

    @Test
    void anyOrNoAcceptHeader_getsJson() {
        for (String accept : List.of("*/*", "application/json", "application/*")) {
            HttpResponse<String> response = api.getAccepting(REPORT, accept);
            assertThat(response.statusCode()).as(accept).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
        }
    }

    @Test
    void csv_allTimeByMonth_matchesTheJsonReport() {
        String csv = api.getAccepting(REPORT + "?groupBy=month", "text/csv").body();

        assertThat(csv.split("\r\n")).containsExactly(
                "key,workersHelped,cases,claimedFen,agreedFen,recoveredFen,reliefPaidFen,outstandingFen",
                "2025-02,1,1,300000,0,0,0,250000",
                "2025-03,1,1,1000000,800000,300000,0,300000",
                "2025-04,2,2,2500000,0,350000,0,400000",
                "2025-05,1,1,700000,600000,1500000,0,600000",
                "TOTAL,4,5,4500000,1400000,2150000,0,1550000");
    }

    @Test
    void badParameters_areProblemsNamingTheParameter_evenWhenCsvIsAsked() {
        assertBadParameter(api.get(REPORT + "?groupBy=court"), "groupBy",
                "must be one of district, category, employmentForm, channel, month");
        assertBadParameter(api.get(REPORT + "?from=2025-13-01"), "from", "must be a date YYYY-MM-DD");
        assertBadParameter(api.get(REPORT + "?to=yesterday"), "to", "must be a date YYYY-MM-DD");
        assertBadParameter(api.get(REPORT + "?from=2025-05-01&to=2025-04-01"), "from", "must not be after 'to'");
        assertBadParameter(api.getAccepting(REPORT + "?groupBy=court", "text/csv"), "groupBy", "must be one of");
    }

    private static void assertBadParameter(HttpResponse<String> response, String parameter, String rule) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Api.parse(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid request parameter");
        assertThat(problem.get("detail").asText()).contains("'" + parameter + "'").contains(rule);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(parameter);
    }

    private static void assertTotals(JsonNode row, String key, long workersHelped, long cases, long claimedFen,
                                     long agreedFen, long recoveredFen, long outstandingFen) {
        assertThat(row.get("key").asText()).isEqualTo(key);
        assertThat(List.of(row.get("workersHelped").asLong(), row.get("cases").asLong(), row.get("claimedFen").asLong(),
                row.get("agreedFen").asLong(), row.get("recoveredFen").asLong(), row.get("reliefPaidFen").asLong(),
                row.get("outstandingFen").asLong()))
                .as("workersHelped, cases, claimed, agreed, recovered, reliefPaid, outstanding of %s", key)
                .containsExactly(workersHelped, cases, claimedFen, agreedFen, recoveredFen, 0L, outstandingFen);
    }

    private static JsonNode row(JsonNode report, String key) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    private static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.get("rows").forEach(row -> keys.add(row.get("key").asText()));
        return keys;
    }
}

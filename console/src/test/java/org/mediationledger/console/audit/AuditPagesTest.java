package org.mediationledger.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.console.Credentials;
import org.mediationledger.console.Role;
import org.mediationledger.console.SignedInUser;
import org.mediationledger.console.audit.StandInQuerySide.Canned;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The auditor's pages against a stand-in query side: the monthly chart shows the report's numbers, the
 * CSV download is the query side's bytes, an instant typed in Asia/Shanghai reaches the API in UTC, the
 * verification badge says intact or names the first broken event, and API errors show on the page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditPagesTest {

    static final StandInQuerySide QUERY_SIDE = new StandInQuerySide();
    static final String CASE = "3f0c2a8e-5b7d-4c1e-9a44-2d6f1e0b7a01";
    static final String BROKEN_CASE = "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c02";
    static final String UNKNOWN_CASE = "00000000-0000-0000-0000-00000000dead";
    static final String REBUILD = "5b3f2a10-8c7d-4e6f-9a1b-2c3d4e5f6a7b";
    static final String REPORT = "/api/reports/recovered-wages";

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("ml.console.query-url", QUERY_SIDE::url);
        registry.add("ml.console.command-url", () -> "http://localhost:1");
    }

    @AfterAll
    static void stop() {
        QUERY_SIDE.close();
    }

    @BeforeEach
    void cannedAnswers() {
        QUERY_SIDE.forget();
        QUERY_SIDE.answer("GET", "/api/cases", Canned.json(200, "{\"items\":[],\"page\":0,\"size\":200,\"total\":0}"));
        QUERY_SIDE.answer("GET", REPORT, "application/json", Canned.json(200, MONTH_REPORT));
        QUERY_SIDE.answer("GET", REPORT, "text/csv", new Canned(200, "text/csv;charset=UTF-8", CSV.getBytes(StandardCharsets.UTF_8)));
        QUERY_SIDE.answer("GET", "/api/audit/cases/" + CASE + "/history", Canned.json(200, HISTORY));
        QUERY_SIDE.answer("GET", "/api/audit/cases/" + CASE + "/verification",
                Canned.json(200, "{\"caseId\":\"" + CASE + "\",\"intact\":true,\"events\":4,\"firstBrokenSequence\":null}"));
        QUERY_SIDE.answer("GET", "/api/audit/cases/" + CASE + "/state", Canned.json(200, STATE_REGISTERED));
        QUERY_SIDE.answer("GET", "/api/audit/cases/" + BROKEN_CASE + "/history", Canned.json(200, HISTORY.replace(CASE, BROKEN_CASE)));
        QUERY_SIDE.answer("GET", "/api/audit/cases/" + BROKEN_CASE + "/verification",
                Canned.json(200, "{\"caseId\":\"" + BROKEN_CASE + "\",\"intact\":false,\"events\":4,\"firstBrokenSequence\":2}"));
    }

    // ---- the report: chart and CSV -------------------------------------------------------------

    @Test
    void theMonthlyChart_hasABarPerMonthAndSeries_carryingTheReportsFen_inYuanOnItsAxis() throws Exception {
        String page = page(get("/auditor?groupBy=district"));

        // grouped by district, the chart still asks for months over the same period
        assertThat(QUERY_SIDE.received()).anyMatch(r -> r.pathAndQuery().equals(REPORT + "?groupBy=month"));
        assertThat(page).contains("<svg", "role=\"img\"", "aria-label=\"柱状图：2026-01 至 2026-04 每月追回的工资与发放的救助金，单位：元\"");
        List<String[]> bars = bars(page);
        assertThat(bars).extracting(b -> b[0] + " " + b[1] + " " + b[2]).containsExactly(
                "2026-01 recovered 500000", "2026-01 reliefPaid 0",
                "2026-02 recovered 0", "2026-02 reliefPaid 0", // no row that month: an empty month, not a gap
                "2026-03 recovered 1250050", "2026-03 reliefPaid 300000",
                "2026-04 recovered 99", "2026-04 reliefPaid 0");
        // the tallest bar reaches at most the top of the axis, which is a whole number of steps in yuan
        assertThat(page).contains(">0.00</text>", ">5,000.00</text>", ">15,000.00</text>", ">元</text>");
        assertThat(page).contains("<title>2026-03　已追回工资：12,500.50 元</title>");
        assertThat(page).contains("href=\"/auditor/report.csv?groupBy=district\"", "href=\"/audit/rebuilds\"");
    }

    @Test
    void theCsvDownload_isTheQuerySidesCsv_byteForByte_behindAUtf8ByteOrderMark() throws Exception {
        MockHttpServletResponse csv = mvc.perform(auditor(get("/auditor/report.csv?groupBy=district&from=2026-01-01&to=2026-03-31")))
                .andExpect(status().isOk()).andReturn().getResponse();

        assertThat(QUERY_SIDE.received()).contains(new StandInQuerySide.Received("GET",
                REPORT + "?groupBy=district&from=2026-01-01&to=2026-03-31", "text/csv"));
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"recovered-wages-district-2026-01-01-2026-03-31.csv\"");
        byte[] expected = CSV.getBytes(StandardCharsets.UTF_8);
        byte[] body = csv.getContentAsByteArray();
        assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(java.util.Arrays.copyOfRange(body, 3, body.length)).isEqualTo(expected);
        assertThat(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)).contains("市北区", "李沧区");
    }

    @Test
    void aCsvTheQuerySideRefuses_answersItsReasonAsText() throws Exception {
        QUERY_SIDE.answer("GET", REPORT, "text/csv", Canned.json(400,
                "{\"status\":400,\"title\":\"Invalid request parameter\",\"detail\":\"parameter 'from' must not be after 'to'\"}"));
        MockHttpServletResponse answer = mvc.perform(auditor(get("/auditor/report.csv?from=2026-05-01&to=2026-01-01")))
                .andExpect(status().isBadRequest()).andReturn().getResponse();
        assertThat(answer.getContentType()).startsWith("text/plain");
        assertThat(answer.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("parameter 'from' must not be after 'to'");
    }

    // ---- the case page ---------------------------------------------------------------------------

    @Test
    void theTimeline_oldestFirst_withLabels_localTimes_actorsAndRoles_andPersonalDataAsGiven() throws Exception {
        String page = page(get("/audit/cases/" + CASE));

        assertThat(page).contains("<html lang=\"zh-CN\">", "发生时间（北京时间）");
        assertThat(page.indexOf("登记纠纷")).isLessThan(page.indexOf("指派调解律师"));
        assertThat(page.indexOf("指派调解律师")).isLessThan(page.indexOf("调解期限届满"));
        // a type the console has no label for keeps its name
        assertThat(page).contains(">SomethingNew</td>");
        // 02:15:30.123456Z is 10:15:30 in Shanghai
        assertThat(page).contains("2026-03-01 10:15:30", "2026-03-01 10:15:35");
        assertThat(page).contains(">staff</td>", ">工会工作人员</td>", ">deadlines</td>", ">系统</td>");
        assertThat(page).contains("req-0001", ">a1b2c3d4e5f6</code>", "title=\"a1b2c3d4e5f60718293a4b5c6d7e8f90\"");
        assertThat(page).contains("[erased]", "该劳动者的个人信息已删除，显示为 [erased]。");
        assertThat(page).contains("href=\"/auditor#search\"");
        // each event offers the case as of its exact instant
        assertThat(page).contains("href=\"/audit/cases/" + CASE + "?asOf=2026-03-01T02:15:30.123456Z#as-of\"");
    }

    @Test
    void theBadge_saysIntact_withTheNumberOfEventsChecked() throws Exception {
        String page = page(get("/audit/cases/" + CASE));
        assertThat(page).contains("class=\"verification intact\"", "链条完整", "已核验 4 个事件");
        assertThat(page).doesNotContain("链条断裂");
    }

    @Test
    void theBadge_saysBroken_namingTheFirstBrokenEvent() throws Exception {
        String page = page(get("/audit/cases/" + BROKEN_CASE));
        assertThat(page).contains("class=\"verification broken\"", "链条断裂：自第 2 号事件起不一致", "已核验 4 个事件");
        assertThat(page).doesNotContain("链条完整");
        String english = page(get("/audit/cases/" + BROKEN_CASE + "?lang=en"));
        assertThat(english).contains("Chain broken from event 2 on", "4 events checked", "Occurred (Asia/Shanghai)");
    }

    @Test
    void aLocalDateAndTimeInShanghai_asksTheQuerySideForTheEndOfThatSecondInUtc() throws Exception {
        String page = page(get("/audit/cases/" + CASE + "?at=2026-03-01T10:15:32"));

        assertThat(QUERY_SIDE.received()).extracting(StandInQuerySide.Received::pathAndQuery)
                .contains("/api/audit/cases/" + CASE + "/state?asOf=2026-03-01T02%3A15%3A32.999999999Z");
        assertThat(page).contains("value=\"2026-03-01T10:15:32\"", "截至 2026-03-01 10:15:32（北京时间）的案件",
                "查询时刻（UTC）：2026-03-01T02:15:32.999999999Z");
        assertThat(page).contains("id=\"as-of-stage\">已登记</dd>", "id=\"as-of-claimed\" class=\"num\">12,500.00</dd>",
                "id=\"as-of-agreed\" class=\"num\">—</dd>", "id=\"as-of-relief\" class=\"num\">0.00</dd>", "110***********002X",
                "调解期限", "2026-03-31", "未到期");

        // a whole minute (browsers leave :00 out): the end of its first second
        page(get("/audit/cases/" + CASE + "?at=2026-03-01T00:05"));
        assertThat(QUERY_SIDE.received()).extracting(StandInQuerySide.Received::pathAndQuery)
                .contains("/api/audit/cases/" + CASE + "/state?asOf=2026-02-28T16%3A05%3A00.999999999Z");
    }

    @Test
    void asOfThisEvent_asksForItsExactInstant_andFillsTheFieldInLocalTime() throws Exception {
        String page = page(get("/audit/cases/" + CASE + "?asOf=2026-03-01T02:15:30.123456Z"));
        assertThat(QUERY_SIDE.received()).extracting(StandInQuerySide.Received::pathAndQuery)
                .contains("/api/audit/cases/" + CASE + "/state?asOf=2026-03-01T02%3A15%3A30.123456Z");
        assertThat(page).contains("value=\"2026-03-01T10:15:30\"", "id=\"as-of-stage\">已登记</dd>");
    }

    @Test
    void anInstantTheQuerySideRefuses_isShownBesideTheField() throws Exception {
        QUERY_SIDE.answer("GET", "/api/audit/cases/" + CASE + "/state", Canned.json(400, "{\"status\":400,\"title\":\"Invalid request\","
                + "\"detail\":\"asOf must be a valid Instant\",\"errors\":[{\"field\":\"asOf\",\"message\":\"must be a valid Instant\"}]}"));
        MockHttpServletResponse response = mvc.perform(auditor(get("/audit/cases/" + CASE + "?asOf=yesterday")))
                .andExpect(status().isOk()).andReturn().getResponse();
        String page = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"at-error\" class=\"error\" role=\"alert\">时刻无效：must be a valid Instant</p>",
                "aria-invalid=\"true\"");
        assertThat(page).doesNotContain("as-of-result", "Exception", "at org.");
    }

    @Test
    void textThatIsNoDateAndTime_isRefusedBesideTheField_withoutAskingTheQuerySide() throws Exception {
        String page = page(get("/audit/cases/" + CASE + "?at=31.02.2026"));
        assertThat(page).contains("id=\"at-error\" class=\"error\" role=\"alert\">请输入有效的日期和时间。</p>");
        assertThat(QUERY_SIDE.received()).noneMatch(r -> r.pathAndQuery().contains("/state"));
    }

    @Test
    void anInstantBeforeTheCaseWasRegistered_saysSo() throws Exception {
        QUERY_SIDE.answer("GET", "/api/audit/cases/" + CASE + "/state", Canned.json(404,
                "{\"status\":404,\"title\":\"Not found\",\"detail\":\"case had no events at 2020-01-01T00:00:00.999999999Z\"}"));
        String page = page(get("/audit/cases/" + CASE + "?at=2020-01-01T08:00:00"));
        assertThat(page).contains("该时刻案件尚未登记（第一个事件发生于 2026-03-01 10:15:30）。");
    }

    @Test
    void anUnknownCase_isAPageMessage_answered404() throws Exception {
        MockHttpServletResponse response = mvc.perform(auditor(get("/audit/cases/" + UNKNOWN_CASE)))
                .andExpect(status().isNotFound()).andReturn().getResponse();
        String page = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"page-error\"", "没有这个案件。", "href=\"/auditor#search\"");
        assertThat(page).doesNotContain("id=\"history\"", "Exception");

        mvc.perform(auditor(get("/audit/cases/not-a-case"))).andExpect(status().isNotFound());
        assertThat(QUERY_SIDE.received()).noneMatch(r -> r.pathAndQuery().contains("not-a-case"));
    }

    // ---- rebuilds ---------------------------------------------------------------------------------

    @Test
    void startingARebuild_leadsToItsPage_whichReloadsWhileItRuns() throws Exception {
        QUERY_SIDE.answer("POST", "/api/audit/rebuilds", Canned.json(202, "{\"rebuildId\":\"" + REBUILD + "\"}"));
        QUERY_SIDE.answer("GET", "/api/audit/rebuilds/" + REBUILD, Canned.json(200, rebuild("RUNNING", 1000, null, 0, "[]")));

        mvc.perform(auditor(post("/audit/rebuilds"))).andExpect(redirectedUrl("/audit/rebuilds/" + REBUILD));
        String running = page(get("/audit/rebuilds/" + REBUILD));
        assertThat(running).contains("<meta http-equiv=\"refresh\" content=\"5\">", "进行中", "id=\"events-replayed\" class=\"num\">1000</dd>",
                "href=\"/audit/rebuilds/" + REBUILD + "?follow=false\"");
        assertThat(running).doesNotContain("id=\"switch\"");
        String notFollowing = page(get("/audit/rebuilds/" + REBUILD + "?follow=false"));
        assertThat(notFollowing).as("stopped following: no reload").doesNotContain("http-equiv=\"refresh\"")
                .contains("id=\"not-following\"", "id=\"events-replayed\" class=\"num\">1000</dd>");

        QUERY_SIDE.answer("GET", "/api/audit/rebuilds/" + REBUILD, Canned.json(200, rebuild("COMPLETED", 1234, 1200L, 0, "[]")));
        String completed = page(get("/audit/rebuilds/" + REBUILD));
        assertThat(completed).doesNotContain("http-equiv=\"refresh\"");
        assertThat(completed).contains("已完成", "id=\"difference-count\" class=\"num\">0</dd>", "id=\"rows-compared\" class=\"num\">56</dd>",
                "id=\"events-per-second\" class=\"num\">1200</dd>", "没有差异",
                "href=\"/audit/rebuilds/" + REBUILD + "/switch\"");
    }

    @Test
    void aRebuildsDifferences_showViewKeyLiveAndRebuilt() throws Exception {
        QUERY_SIDE.answer("GET", "/api/audit/rebuilds/" + REBUILD, Canned.json(200, rebuild("COMPLETED", 10, 5L, 2,
                "[{\"view\":\"dispute_case\",\"key\":\"" + CASE + "\",\"live\":{\"recovered_fen\":101},\"rebuilt\":{\"recovered_fen\":100}},"
                        + "{\"view\":\"case_payment\",\"key\":\"p-1\",\"live\":null,\"rebuilt\":{\"amount_fen\":5}}]")));
        String page = page(get("/audit/rebuilds/" + REBUILD));
        assertThat(page).contains("dispute_case", "{&quot;recovered_fen&quot;:101}", "{&quot;recovered_fen&quot;:100}",
                "case_payment", "（无此行）", "id=\"difference-count\" class=\"num\">2</dd>");
    }

    @Test
    void switching_needsAConfirmation_thenAsksTheQuerySide() throws Exception {
        QUERY_SIDE.answer("GET", "/api/audit/rebuilds/" + REBUILD, Canned.json(200, rebuild("COMPLETED", 10, 5L, 0, "[]")));
        QUERY_SIDE.answer("POST", "/api/audit/rebuilds/" + REBUILD + "/switch", Canned.json(200, rebuild("SWITCHED", 10, 5L, 0, "[]")));

        String confirm = page(get("/audit/rebuilds/" + REBUILD + "/switch"));
        assertThat(confirm).contains("确认切换到重建的视图表", "action=\"/audit/rebuilds/" + REBUILD + "/switch\"", "id=\"confirm-switch\"");
        assertThat(QUERY_SIDE.received()).noneMatch(r -> r.method().equals("POST"));

        mvc.perform(auditor(post("/audit/rebuilds/" + REBUILD + "/switch")))
                .andExpect(redirectedUrl("/audit/rebuilds/" + REBUILD)).andExpect(flash().attribute("switched", true));
        assertThat(QUERY_SIDE.received()).anyMatch(r -> r.method().equals("POST")
                && r.pathAndQuery().equals("/api/audit/rebuilds/" + REBUILD + "/switch"));
    }

    @Test
    void aSwitchTheQuerySideRefuses_isShownOnTheConfirmationPage() throws Exception {
        QUERY_SIDE.answer("GET", "/api/audit/rebuilds/" + REBUILD, Canned.json(200, rebuild("COMPLETED", 10, 5L, 0, "[]")));
        QUERY_SIDE.answer("POST", "/api/audit/rebuilds/" + REBUILD + "/switch", Canned.json(409,
                "{\"status\":409,\"title\":\"Rebuild conflict\",\"detail\":\"the tables of rebuild are gone\"}"));
        String page = mvc.perform(auditor(post("/audit/rebuilds/" + REBUILD + "/switch"))).andExpect(status().isConflict())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("切换未完成：the tables of rebuild are gone");
    }

    @Test
    void aSecondRebuildWhileOneRuns_isRefusedOnTheList() throws Exception {
        QUERY_SIDE.answer("POST", "/api/audit/rebuilds", Canned.json(409,
                "{\"status\":409,\"title\":\"Rebuild conflict\",\"detail\":\"a rebuild is already running; one runs at a time\"}"));
        QUERY_SIDE.answer("GET", "/api/audit/rebuilds", Canned.json(200, "{\"rebuilds\":[" + rebuild("RUNNING", 5, null, 0, "[]") + "]}"));
        MockHttpSession session = auditorSession();
        mvc.perform(post("/audit/rebuilds").param("_formToken", "form-token").session(session)).andExpect(redirectedUrl("/audit/rebuilds"))
                .andExpect(flash().attribute("startError", "a rebuild is already running; one runs at a time"));
        String list = page(get("/audit/rebuilds"));
        assertThat(list).contains("href=\"/audit/rebuilds/" + REBUILD + "\"", "进行中", "id=\"start-rebuild\"");
    }

    @Test
    void otherRoles_areSentToTheirOwnHome() throws Exception {
        MockHttpSession lawyer = new MockHttpSession();
        lawyer.setAttribute(SignedInUser.SESSION_KEY, new SignedInUser(new Credentials("lawyer1", "demo"), Role.LAWYER));
        for (String page : List.of("/auditor", "/auditor/report.csv", "/audit/cases/" + CASE, "/audit/rebuilds")) {
            mvc.perform(get(page).session(lawyer)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/lawyer"));
        }
        assertThat(QUERY_SIDE.received()).isEmpty();
    }

    // ---- helpers and canned answers ---------------------------------------------------------------

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(auditor(request)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** As the auditor, with the session's form token a console page would have sent (FormTokens). */
    private static MockHttpServletRequestBuilder auditor(MockHttpServletRequestBuilder request) {
        return request.session(auditorSession()).param("_formToken", "form-token");
    }

    private static MockHttpSession auditorSession() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SignedInUser.SESSION_KEY, new SignedInUser(new Credentials("auditor", "demo"), Role.AUDITOR));
        session.setAttribute("ml.console.formToken", "form-token");
        return session;
    }

    /** month, series, fen of each bar, in the page's order. */
    static List<String[]> bars(String page) {
        Matcher bar = Pattern.compile("<rect class=\"bar [^\"]+\"[^>]*data-month=\"([^\"]+)\" data-series=\"([^\"]+)\" data-fen=\"(-?\\d+)\"")
                .matcher(page);
        List<String[]> bars = new ArrayList<>();
        while (bar.find()) {
            bars.add(new String[]{bar.group(1), bar.group(2), bar.group(3)});
        }
        return bars;
    }

    static String rebuild(String status, long replayed, Long perSecond, long differenceCount, String differences) {
        boolean done = !status.equals("RUNNING");
        return "{\"rebuildId\":\"" + REBUILD + "\",\"status\":\"" + status + "\",\"requestedBy\":\"auditor\","
                + "\"startedAt\":\"2026-03-01T02:00:00Z\"," + (done ? "\"finishedAt\":\"2026-03-01T02:00:05Z\"," : "")
                + "\"upToGlobalIndex\":1233,\"eventsReplayed\":" + replayed + ",\"eventsHeld\":0"
                + (perSecond == null ? "" : ",\"eventsPerSecond\":" + perSecond)
                + (done ? ",\"rowsCompared\":56,\"rowsNotCompared\":0,\"differenceCount\":" + differenceCount
                + ",\"differences\":" + differences : "") + "}";
    }

    static final String MONTH_REPORT = """
            {"rows":[
              {"key":"2026-01","workersHelped":1,"cases":1,"claimedFen":1250000,"agreedFen":1000000,"recoveredFen":500000,"reliefPaidFen":0,"outstandingFen":500000},
              {"key":"2026-03","workersHelped":2,"cases":2,"claimedFen":2500000,"agreedFen":0,"recoveredFen":1250050,"reliefPaidFen":300000,"outstandingFen":1050000},
              {"key":"2026-04","workersHelped":0,"cases":0,"claimedFen":0,"agreedFen":0,"recoveredFen":99,"reliefPaidFen":0,"outstandingFen":0}],
             "total":{"key":"TOTAL","workersHelped":3,"cases":3,"claimedFen":3750000,"agreedFen":1000000,"recoveredFen":1750149,"reliefPaidFen":300000,"outstandingFen":1550000}}
            """;

    static final String CSV = "key,workersHelped,cases,claimedFen,agreedFen,recoveredFen,reliefPaidFen,outstandingFen\r\n"
            + "市北区,1,1,1250000,1000000,500000,0,500000\r\n"
            + "李沧区,1,1,1250000,0,200000,300000,1050000\r\n"
            + "TOTAL,2,2,2500000,1000000,700000,300000,1550000\r\n";

    static final String HISTORY = """
            {"caseId":"%1$s","personalData":"ERASED","events":[
              {"sequence":0,"type":"DisputeRegistered","occurredAt":"2026-03-01T02:15:30.123456Z",
               "actor":{"id":"staff","role":"UNION_STAFF"},"requestId":"req-0001",
               "payload":{"caseId":"%1$s","claimant":{"name":"张伟","idNumber":"[erased]","phone":"[erased]"},"claimedFen":1250000},
               "hash":"a1b2c3d4e5f60718293a4b5c6d7e8f90","previousHash":"00"},
              {"sequence":1,"type":"MediatorAssigned","occurredAt":"2026-03-01T02:15:35Z",
               "actor":{"id":"staff","role":"UNION_STAFF"},"requestId":"req-0002","payload":{"lawyerId":"lawyer1"},
               "hash":"b1b2c3d4e5f60718293a4b5c6d7e8f90","previousHash":"a1b2c3d4e5f60718293a4b5c6d7e8f90"},
              {"sequence":2,"type":"MediationPeriodLapsed","occurredAt":"2026-04-01T16:00:00Z",
               "actor":{"id":"deadlines","role":"SYSTEM"},"requestId":"req-0002","payload":{},
               "hash":"c1b2c3d4e5f60718293a4b5c6d7e8f90","previousHash":"b1b2c3d4e5f60718293a4b5c6d7e8f90"},
              {"sequence":3,"type":"SomethingNew","occurredAt":"2026-04-02T01:00:00Z",
               "actor":{"id":"staff","role":"UNION_STAFF"},"requestId":"req-0003","payload":{},
               "hash":"d1b2c3d4e5f60718293a4b5c6d7e8f90","previousHash":"c1b2c3d4e5f60718293a4b5c6d7e8f90"}]}
            """.formatted(CASE);

    static final String STATE_REGISTERED = """
            {"caseId":"%s","stage":"REGISTERED",
             "claimant":{"claimantKey":"w-1","name":"张伟","idNumber":"110***********002X","phone":"138****5678","employmentForm":"PLATFORM_COOPERATION"},
             "claimedFen":1250000,"agreedFen":null,"recoveredFen":0,"outstandingFen":1250000,"reliefPaidFen":0,
             "mediatorId":null,"responsibleLawyerId":null,
             "deadlines":[{"kind":"MEDIATION_PERIOD","dueOn":"2026-03-31","status":"PENDING"}],"nextDue":"2026-03-31","version":0}
            """.formatted(CASE);
}

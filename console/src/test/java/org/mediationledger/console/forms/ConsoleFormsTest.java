package org.mediationledger.console.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mediationledger.console.Credentials;
import org.mediationledger.console.Role;
import org.mediationledger.console.SignedInUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The command forms against stand-in services (the JDK's HTTP server, one for both sides): what is
 * typed becomes the API's request body, the API's refusals come back beside their inputs, and what
 * the console can tell is malformed is never sent.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleFormsTest {

    static final String CASE_ID = "0b7e6c1e-2f4a-4c55-9d77-3c1f2a7e9b10";
    /** The stand-in command side knows this worker, with an open case (CASE_ID) against 青岛某某配送服务有限公司. */
    static final String DUPLICATE_ID = "370203199003071239";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FORM_TOKEN = "form-token-of-this-session";
    /** What the stand-in command side received: method, path, headers of interest, body. */
    record Sent(String path, String idempotencyKey, String ifMatch, JsonNode body) {
    }
    static final List<Sent> SENT = new CopyOnWriteArrayList<>();
    static final HttpServer SERVICES = start();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("ml.console.query-url", () -> "http://localhost:" + SERVICES.getAddress().getPort());
        registry.add("ml.console.command-url", () -> "http://localhost:" + SERVICES.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        SERVICES.stop(0);
    }

    @BeforeEach
    void forget() {
        SENT.clear();
    }

    @ParameterizedTest
    @EnumSource(CommandForm.class)
    void everyFormIsShownToARoleThatMaySendIt_withALabelForEachInput(CommandForm form) throws Exception {
        Role role = java.util.Arrays.stream(Role.values()).filter(form::allows).findFirst().orElseThrow();
        String page = mvc.perform(get(pathOf(form)).session(as(role)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"submit\"", "name=\"_idempotencyKey\"");
        for (FormField field : form.fields()) {
            if (field.kind() == FormField.Kind.GENERATED_ID || field.kind() == FormField.Kind.ROWS) {
                continue;
            }
            assertThat(page).as(field.name()).contains("for=\"" + FormField.htmlId(field.name()) + "\"");
        }
        assertThat(page).doesNotContain("??"); // a message key without a message
        Role other = java.util.Arrays.stream(Role.values()).filter(r -> !form.allows(r)).findFirst().orElseThrow();
        mvc.perform(get(pathOf(form)).session(as(other))).andExpect(status().isNotFound());
    }

    @Test
    void anIntakeIsSentAsTheApiNamesIt_yuanAsFen_once() throws Exception {
        String key = UUID.randomUUID().toString();
        mvc.perform(intake("11010519491231002X").param("_idempotencyKey", key).session(as(Role.UNION_STAFF)))
                .andExpect(redirectedUrl("/cases/" + CASE_ID + "?after=1"));
        assertThat(SENT).extracting(Sent::path).containsExactly("/api/intake-checks", "/api/cases");
        Sent sent = SENT.get(1);
        assertThat(sent.path()).isEqualTo("/api/cases");
        assertThat(sent.idempotencyKey()).isEqualTo(key);
        assertThat(sent.body().path("claimedFen").asLong()).isEqualTo(1_250_050);
        assertThat(sent.body().path("claimant").path("name").asText()).isEqualTo("刘洋");
        assertThat(sent.body().path("respondents")).hasSize(1);
        assertThat(sent.body().path("respondents").get(0).path("name").asText()).isEqualTo("青岛某某配送服务有限公司");
        assertThat(sent.body().has("appliedOn")).as("blank inputs are left out").isFalse();
    }

    @Test
    void anIntakeOfAWorkerWithAnOpenCaseAgainstTheSameEmployer_warnsFirst_andIsSentOnlyWhenConfirmed() throws Exception {
        String page = mvc.perform(intake(DUPLICATE_ID, "青岛某某配送服务有限公司 ").session(as(Role.UNION_STAFF)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"duplicates\"", "该劳动者已有针对同一用人单位的未结案件", "/cases/" + CASE_ID,
                "id=\"register-anyway\"", "value=\"12,500.50\"");
        assertThat(SENT).extracting(Sent::path).containsExactly("/api/intake-checks");
        assertThat(SENT.get(0).body().path("idNumber").asText()).isEqualTo(DUPLICATE_ID);

        mvc.perform(intake(DUPLICATE_ID).param("_duplicateAcknowledged", "true").session(as(Role.UNION_STAFF)))
                .andExpect(redirectedUrl("/cases/" + CASE_ID + "?after=1"));
        assertThat(SENT).extracting(Sent::path).containsExactly("/api/intake-checks", "/api/cases");
    }

    @Test
    void theSameEmployer_typedAnotherWay_isTheSameEmployer() {
        var json = new ObjectMapper();
        var existing = json.createArrayNode().add(json.createObjectNode().put("name", "青岛（市南）某某配送服务有限公司"));
        var typed = json.createArrayNode().add(json.createObjectNode().put("name", "青岛(市南)某某配送服务有限公司\u3000"));
        assertThat(FormController.sharesARespondent(existing, typed)).isTrue();
        var byCode = json.createArrayNode().add(json.createObjectNode().put("name", "别名").put("creditCode", "91370203ma3c0x0x0e"));
        var withCode = json.createArrayNode().add(json.createObjectNode().put("name", "另一名称").put("creditCode", "91370203MA3C0X0X0E"));
        assertThat(FormController.sharesARespondent(withCode, byCode)).isTrue();
        assertThat(FormController.sharesARespondent(existing, withCode)).isFalse();
    }

    @Test
    void anotherEmployer_orAnotherWorker_isNoDuplicate() throws Exception {
        mvc.perform(intake(DUPLICATE_ID, "另一家物流公司").session(as(Role.UNION_STAFF)))
                .andExpect(redirectedUrl("/cases/" + CASE_ID + "?after=1"));
        assertThat(SENT).extracting(Sent::path).containsExactly("/api/intake-checks", "/api/cases");
    }

    @Test
    void theApisFieldErrorIsShownBesideItsInput_andWhatWasTypedStays() throws Exception {
        String page = mvc.perform(intake("110105194912310021").session(as(Role.UNION_STAFF)))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"f-claimant-idNumber-error\">check digit does not match<",
                "value=\"12,500.50\"", "aria-invalid=\"true\"", "请更正下面标出的 1 处内容，尚未保存任何内容。");
        String idInput = page.substring(page.indexOf("<input type=\"text\" id=\"f-claimant-idNumber\""));
        assertThat(idInput.substring(0, idInput.indexOf('>'))).as("the first input in error takes the focus").contains("autofocus");
        assertThat(page.split("autofocus=\"autofocus\"", -1)).as("only one").hasSize(2);
    }

    @Test
    void anAmountThatIsNotYuanIsRefusedBesideItsInput_andNothingIsSent() throws Exception {
        String page = mvc.perform(postForm("/cases/" + CASE_ID + "/payment").session(as(Role.LAWYER))
                        .param("paymentId", UUID.randomUUID().toString()).param("amountFen", "20.005")
                        .param("paidOn", "2026-12-01").param("source", "INSTALMENT"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"f-amountFen-error\">请填写以元为单位、最多两位小数的金额");
        assertThat(SENT).isEmpty();
    }

    @Test
    void aCaseFormCarriesTheVersionItWasShownAt() throws Exception {
        String page = mvc.perform(get("/cases/" + CASE_ID + "/payment").session(as(Role.LAWYER)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("name=\"_expectedVersion\" value=\"7\"");
        mvc.perform(postForm("/cases/" + CASE_ID + "/payment").session(as(Role.LAWYER))
                        .param("paymentId", "p-1").param("amountFen", "2000").param("paidOn", "2026-12-01")
                        .param("source", "INSTALMENT").param("_expectedVersion", "7"))
                .andExpect(redirectedUrl("/cases/" + CASE_ID + "?after=8"));
        assertThat(SENT.get(0).ifMatch()).isEqualTo("\"7\"");
        assertThat(SENT.get(0).body().path("amountFen").asLong()).isEqualTo(200_000);
    }

    @Test
    void anErrorOnASentRowIsShownOnTheRowItWasTypedIn() throws Exception {
        // row 0 left blank: the API's instalments[0] is the form's row 1
        String page = mvc.perform(postForm("/cases/" + CASE_ID + "/agreement").session(as(Role.LAWYER))
                        .param("agreedFen", "10000").param("effectiveOn", "2026-12-01")
                        .param("instalments[1].dueOn", "2026-12-20").param("instalments[1].amountFen", "20000"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(SENT.get(0).body().path("instalments")).hasSize(1);
        assertThat(page).contains("id=\"f-instalments-1-amountFen-error\">instalments must add up to agreedFen<");
    }

    @Test
    void theMediatorFormSuggestsTheLowestCaseload() throws Exception {
        String page = mvc.perform(get("/cases/" + CASE_ID + "/mediator").session(as(Role.UNION_STAFF)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page.indexOf("王强 (lawyer2)")).isLessThan(page.indexOf("李娜 (lawyer1)"));
        assertThat(page).contains("<option value=\"lawyer2\" selected=\"selected\">", "aria-describedby=\"lawyer-hint\"",
                "id=\"lawyer-hint\"");
    }

    private static String pathOf(CommandForm form) {
        return switch (form.subject()) {
            case NONE -> "/new/" + form.slug();
            case CASE -> "/cases/" + CASE_ID + "/" + form.slug();
            case FUND -> "/funds/" + UUID.randomUUID() + "/" + form.slug();
        };
    }

    private static MockHttpServletRequestBuilder intake(String idNumber) {
        return intake(idNumber, "青岛某某配送服务有限公司");
    }

    private static MockHttpServletRequestBuilder intake(String idNumber, String respondent) {
        return postForm("/new/intake").param("caseId", CASE_ID).param("claimant.name", "刘洋")
                .param("claimant.idNumber", idNumber).param("claimant.phone", "13812345678")
                .param("claimant.employmentForm", "PLATFORM_COOPERATION")
                .param("respondents[0].name", respondent).param("respondents[1].name", "")
                .param("category", "UNPAID_WAGES").param("claimedFen", "12,500.50").param("channel", "WALK_IN")
                .param("district", "市南区").param("facts", "工资未结").param("appliedOn", "");
    }

    @Test
    void aSelectInError_takesTheFocus_andIsDescribedByItsErrorAndItsHint() throws Exception {
        String page = mvc.perform(postForm("/cases/" + CASE_ID + "/mediator").session(as(Role.UNION_STAFF))
                        .param("lawyerId", "lawyer9").param("receivedOn", "2026-12-01"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String select = page.substring(page.indexOf("<select id=\"f-lawyerId\""));
        select = select.substring(0, select.indexOf('>'));
        assertThat(select).contains("autofocus", "aria-invalid=\"true\"", "aria-describedby=\"f-lawyerId-error lawyer-hint\"");
    }

    @Test
    void aKeyAlreadyUsedForOtherContent_isKept_andTheUserIsToldToLookFirst() throws Exception {
        String key = UUID.randomUUID().toString();
        String page = mvc.perform(postForm("/cases/" + CASE_ID + "/session").session(as(Role.LAWYER))
                        .param("_idempotencyKey", key).param("sessionId", "s-1").param("heldOn", "2026-12-01")
                        .param("summary", "双方到场"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("name=\"_idempotencyKey\" value=\"" + key + "\"", "之前那次可能已经保存");
    }

    @Test
    void anEmptyListSaysSo_inTheWordsOfItsPage() throws Exception {
        String lawyer = mvc.perform(get("/lawyer").session(as(Role.LAWYER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(lawyer).contains("目前没有由您负责的案件").doesNotContain("class=\"pager\"", "<table class=\"cases\"");
    }

    @Test
    void aSignInFromAnotherSite_isRefused() throws Exception {
        String page = mvc.perform(post("/signin").header("Origin", "https://elsewhere.example")
                        .param("username", "staff").param("password", "demo"))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("表单已失效");
        mvc.perform(post("/signin").header("Sec-Fetch-Site", "cross-site").param("username", "staff").param("password", "demo"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/signin").header("Origin", "http://localhost").param("username", "staff").param("password", "demo"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isNotEqualTo(403));
        assertThat(SENT).isEmpty();
    }

    /** A form sent from a page of the session: it carries the session's form token (FormTokens). */
    private static MockHttpServletRequestBuilder postForm(String path) {
        return post(path).param("_formToken", FORM_TOKEN);
    }

    @Test
    void aFormWithoutThisSessionsToken_isRefused_andNothingIsSent() throws Exception {
        mvc.perform(post("/cases/" + CASE_ID + "/payment").session(as(Role.LAWYER)).param("paymentId", "p-9")
                        .param("amountFen", "20").param("paidOn", "2026-12-01").param("source", "INSTALMENT"))
                .andExpect(status().isForbidden())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                        .as("a page saying why, not an empty answer").contains("表单已失效", "没有提交任何内容"));
        mvc.perform(post("/cases/" + CASE_ID + "/payment").session(as(Role.LAWYER)).param("_formToken", "guessed")
                        .param("paymentId", "p-9").param("amountFen", "20").param("paidOn", "2026-12-01"))
                .andExpect(status().isForbidden());
        assertThat(SENT).isEmpty();
        String page = mvc.perform(get("/cases/" + CASE_ID + "/payment").session(as(Role.LAWYER)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).as("every form carries it").contains("name=\"_formToken\" value=\"" + FORM_TOKEN + "\"");
        String court = mvc.perform(get("/court").session(as(Role.COURT_LIAISON)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String rulingForm = court.substring(court.indexOf("id=\"ruling\""), court.indexOf("</section>", court.indexOf("id=\"ruling\"")));
        assertThat(rulingForm).as("a GET form does not put it in a URL").contains("method=\"get\"").doesNotContain("_formToken");
    }

    private static MockHttpSession as(Role role) {
        MockHttpSession session = new MockHttpSession();
        String user = switch (role) {
            case UNION_STAFF -> "staff";
            case LAWYER -> "lawyer1";
            case COURT_LIAISON -> "court1";
            case AUDITOR -> "auditor";
        };
        session.setAttribute(SignedInUser.SESSION_KEY, new SignedInUser(new Credentials(user, "demo"), role));
        session.setAttribute("ml.console.formToken", FORM_TOKEN);
        return session;
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", ConsoleFormsTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        String body;
        if ("POST".equals(exchange.getRequestMethod())) {
            JsonNode sent = JSON.readTree(exchange.getRequestBody());
            SENT.add(new Sent(path, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("If-Match"), sent));
            if (path.equals("/api/intake-checks")) {
                body = "{\"openCases\":" + (sent.path("idNumber").asText().equals(DUPLICATE_ID) ? "[\"" + CASE_ID + "\"]" : "[]") + "}";
            } else if (sent.path("claimant").path("idNumber").asText().endsWith("1")) {
                status = 400;
                body = "{\"status\":400,\"title\":\"Invalid request\",\"detail\":\"claimant.idNumber check digit does not match\","
                        + "\"errors\":[{\"field\":\"claimant.idNumber\",\"message\":\"check digit does not match\"}]}";
            } else if (path.endsWith("/mediator") && sent.path("lawyerId").asText().equals("lawyer9")) {
                status = 400;
                body = "{\"status\":400,\"title\":\"Invalid request\",\"detail\":\"lawyerId: no such lawyer\","
                        + "\"errors\":[{\"field\":\"lawyerId\",\"message\":\"no such lawyer\"}]}";
            } else if (path.endsWith("/mediation-sessions")) {
                status = 422;
                body = "{\"status\":422,\"title\":\"Idempotency-Key reused\",\"detail\":\"this Idempotency-Key was used for another request\"}";
            } else if (path.endsWith("/agreement")) {
                status = 409;
                body = "{\"status\":409,\"title\":\"Refused\",\"detail\":\"instalments must add up to agreedFen\","
                        + "\"errors\":[{\"field\":\"instalments[0].amountFen\",\"message\":\"instalments must add up to agreedFen\"}]}";
            } else {
                status = path.equals("/api/cases") ? 201 : 200;
                body = "{\"caseId\":\"" + CASE_ID + "\",\"version\":" + (path.equals("/api/cases") ? 1 : 8) + "}";
            }
        } else if (path.startsWith("/api/cases/")) {
            body = "{\"caseId\":\"" + CASE_ID + "\",\"stage\":\"AGREED\",\"claimant\":{\"name\":\"刘洋\",\"idNumber\":\"110***********002X\"},"
                    + "\"respondents\":[{\"name\":\"青岛某某配送服务有限公司\",\"creditCode\":null}],\"registeredOn\":\"2026-11-30\","
                    + "\"claimedFen\":1250000,\"agreedFen\":1000000,\"recoveredFen\":0,\"outstandingFen\":1000000,"
                    + "\"reliefPaidFen\":0,\"version\":7,\"deadlines\":[],\"timeline\":[]}";
        } else if (path.equals("/api/cases")) {
            body = "{\"items\":[],\"page\":0,\"size\":50,\"total\":0}";
        } else if (path.equals("/api/caseload")) {
            body = "{\"lawyers\":[{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":10,\"activeCases\":4},"
                    + "{\"lawyerId\":\"lawyer2\",\"name\":\"王强\",\"maxActiveCases\":10,\"activeCases\":1}]}";
        } else if (path.equals("/api/relief-funds")) {
            body = "{\"funds\":[{\"fundId\":\"" + UUID.randomUUID() + "\",\"name\":\"兜底救助金\",\"availableFen\":500000}]}";
        } else if (path.equals("/api/caseload/courts")) {
            body = "{\"courts\":[{\"court\":\"court1\"}]}";
        } else {
            status = 404;
            body = "{\"status\":404}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

}

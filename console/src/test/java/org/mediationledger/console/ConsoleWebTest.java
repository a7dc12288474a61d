package org.mediationledger.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console against a stand-in query side (the JDK's HTTP server) that knows the four demo roles by
 * which paths it lets each account read, as the real door does: sign-in, role detection, each home,
 * the language toggle. The whole system with a real browser is infra/launcher's ConsoleBrowserTest.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleWebTest {

    /** user → paths (prefixes) that answer 200; everything else 403, a wrong password 401. */
    static final Map<String, List<String>> ALLOWED = Map.of(
            "staff", List.of("/api/cases", "/api/relief-funds", "/api/caseload"),
            "lawyer1", List.of("/api/cases", "/api/caseload?", "/api/relief-funds?"),
            "court1", List.of("/api/cases", "/api/caseload/courts"),
            "auditor", List.of("/api/cases", "/api/relief-funds", "/api/caseload", "/api/audit", "/api/reports"));
    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    static final HttpServer QUERY_SIDE = startQuerySide();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("ml.console.query-url", () -> "http://localhost:" + QUERY_SIDE.getAddress().getPort());
        registry.add("ml.console.command-url", () -> "http://localhost:1");
    }

    @AfterAll
    static void stop() {
        QUERY_SIDE.stop(0);
    }

    @Test
    void everyRoleLandsOnItsHome_inChinese() throws Exception {
        for (var home : Map.of("staff", "/staff", "lawyer1", "/lawyer", "court1", "/court", "auditor", "/auditor").entrySet()) {
            MockHttpSession session = signIn(home.getKey(), "demo");
            mvc.perform(get("/").session(session)).andExpect(redirectedUrl(home.getValue()));
            mvc.perform(get(home.getValue()).session(session)).andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("<html lang=\"zh-CN\">")));
        }
        String page = mvc.perform(get("/lawyer").session(signIn("lawyer1", "demo")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("我的案件", "12,500.00", "张伟");
        // overdue first (the query side orders by next due date, paged), and marked
        assertThat(REQUESTS).contains("/api/cases?sort=nextDue&page=0&size=50");
        assertThat(page).contains("已逾期");
    }

    @Test
    void aWrongPasswordStaysOnTheSignInPageWithAnError() throws Exception {
        mvc.perform(post("/signin").param("username", "staff").param("password", "wrong"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("用户名或密码错误。")));
    }

    @Test
    void langSwitchesTheLanguageAndKeepsIt() throws Exception {
        MockHttpSession session = signIn("auditor", "demo");
        var en = mvc.perform(get("/auditor?groupBy=category&lang=en").session(session))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(en.getContentAsString(StandardCharsets.UTF_8))
                .contains("<html lang=\"en\">", "Search and reports", "href=\"/auditor?groupBy=category&amp;lang=zh\"");
        assertThat(en.getCookie(WebConfig.LANG_COOKIE).getValue()).isEqualTo("en");
    }

    @Test
    void pagesNeedASignedInUser() throws Exception {
        mvc.perform(get("/staff")).andExpect(redirectedUrl("/signin"));
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void aUserOnAnotherRolesPageIsSentHome() throws Exception {
        mvc.perform(get("/auditor").session(signIn("court1", "demo"))).andExpect(redirectedUrl("/court"));
    }

    private MockHttpSession signIn(String user, String password) throws Exception {
        MockHttpSession before = new MockHttpSession();
        MockHttpSession after = (MockHttpSession) mvc.perform(post("/signin").param("username", user)
                        .param("password", password).session(before))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
        assertThat(before.isInvalid()).as("a new session after signing in").isTrue();
        return after;
    }

    private static HttpServer startQuerySide() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", ConsoleWebTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        AUTHORIZATIONS.add(authorization);
        String user = ALLOWED.keySet().stream()
                .filter(u -> authorization != null && authorization.equals(new Credentials(u, "demo").basicAuthorization()))
                .findFirst().orElse(null);
        String path = exchange.getRequestURI().toString();
        REQUESTS.add(path);
        int status;
        String body;
        if (user == null) {
            status = 401;
            body = "{\"status\":401,\"title\":\"Unauthorized\"}";
        } else if (ALLOWED.get(user).stream().anyMatch(p -> (path + "?").startsWith(p))) {
            status = 200;
            body = path.startsWith("/api/cases") ? CASES
                    : path.startsWith("/api/caseload/courts") ? "{\"courts\":[]}"
                    : path.startsWith("/api/caseload") ? "{\"lawyers\":[]}"
                    : path.startsWith("/api/reports") ? "{\"rows\":[],\"total\":{}}"
                    : "[]";
        } else {
            status = 403;
            body = "{\"status\":403,\"title\":\"Forbidden\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static final String CASES = """
            {"items":[
              {"caseId":"aaaaaaaa-0000-0000-0000-000000000001","stage":"IN_MEDIATION","claimantName":"张伟","category":"UNPAID_WAGES",
               "district":"市北区","claimedFen":1250000,"recoveredFen":0,"outstandingFen":1250000,"responsibleLawyerId":"lawyer1",
               "court":null,"nextDue":"2999-01-01","registeredOn":"2026-01-01"},
              {"caseId":"aaaaaaaa-0000-0000-0000-000000000002","stage":"AGREED","claimantName":"李娜","category":"OVERTIME_PAY",
               "district":"市南区","claimedFen":5,"recoveredFen":0,"outstandingFen":5,"responsibleLawyerId":"lawyer1",
               "court":null,"nextDue":"2020-01-01","registeredOn":"2019-12-01"}],
             "page":0,"size":200,"total":2}
            """;
}

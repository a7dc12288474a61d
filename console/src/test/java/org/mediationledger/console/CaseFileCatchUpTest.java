package org.mediationledger.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.console.audit.StandInQuerySide;
import org.mediationledger.console.audit.StandInQuerySide.Canned;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The page a write leads to reads its own write: it asks the query side for at least the version the
 * command answered, and when the views are still behind it says so and reloads, never "not yours".
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseFileCatchUpTest {

    static final StandInQuerySide QUERY_SIDE = new StandInQuerySide();
    static final String CASE = "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    static final String FUND = "3c9d2b1a-7e6f-4a2b-8c9d-0e1f2a3b4c5d";
    static final String NOT_CAUGHT_UP = "{\"status\":409,\"title\":\"Not caught up yet\",\"detail\":\"the views show case " + CASE
            + " at version 0 and are still taking in version 3; ask again in a moment\",\"wantedVersion\":3,\"viewVersion\":0}";

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
    void forget() {
        QUERY_SIDE.forget();
    }

    @Test
    void theCaseFileAfterAWrite_asksForTheVersionTheCommandAnswered() throws Exception {
        QUERY_SIDE.answer("GET", "/api/cases/" + CASE, Canned.json(200,
                "{\"caseId\":\"" + CASE + "\",\"stage\":\"IN_MEDIATION\",\"district\":\"市北区\",\"version\":3}"));

        String page = page("/cases/" + CASE + "?after=3", 200);

        assertThat(QUERY_SIDE.received()).extracting(StandInQuerySide.Received::pathAndQuery)
                .containsExactly("/api/cases/" + CASE + "?minVersion=3");
        assertThat(page).contains(CASE, "市北区").doesNotContain("id=\"catching-up\"", "http-equiv=\"refresh\"");
    }

    @Test
    void viewsStillBehindTheWrite_thePageSaysSoAndReloadsItself() throws Exception {
        QUERY_SIDE.answer("GET", "/api/cases/" + CASE, Canned.json(409, NOT_CAUGHT_UP));

        String page = page("/cases/" + CASE + "?after=3", 200);

        assertThat(page).contains("id=\"catching-up\"", "正在同步", "http-equiv=\"refresh\" content=\"2\"")
                .doesNotContain("class=\"error\"");
    }

    @Test
    void aFundAfterAWrite_asksForItsVersion_andWaitsTheSameWay() throws Exception {
        QUERY_SIDE.admit("staff");
        MockHttpSession staff = session("staff", Role.UNION_STAFF);
        QUERY_SIDE.answer("GET", "/api/relief-funds/" + FUND, Canned.json(409, NOT_CAUGHT_UP.replace("case " + CASE, "relief fund " + FUND)));

        String page = mvc.perform(get("/funds/" + FUND + "?after=1").session(staff)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(QUERY_SIDE.received()).extracting(StandInQuerySide.Received::pathAndQuery)
                .containsExactly("/api/relief-funds/" + FUND + "?minVersion=1");
        assertThat(page).contains("id=\"catching-up\"", "http-equiv=\"refresh\"");
    }

    private String page(String url, int status) throws Exception {
        return mvc.perform(get(url).session(session("auditor", Role.AUDITOR))).andExpect(status().is(status))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static MockHttpSession session(String name, Role role) {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SignedInUser.SESSION_KEY, new SignedInUser(new Credentials(name, "demo"), role));
        session.setAttribute("ml.console.formToken", "form-token");
        return session;
    }
}

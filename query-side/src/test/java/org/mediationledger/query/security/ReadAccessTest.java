package org.mediationledger.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.events.wire.PublishedEvent;
import org.mediationledger.query.support.Api;
import org.mediationledger.query.support.CaseStory;
import org.mediationledger.query.support.LawyerEvents;
import org.mediationledger.query.support.ProjectionTestBase;
import org.mediationledger.query.support.QuerySideUnderTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who reads which case (DOMAIN.md, roles): staff and auditors every case; a lawyer the cases they are
 * or were responsible for (a mediator replaced, a mediator released by legal aid); a court liaison
 * officer their court's referrals. Lists leave out what is not the reader's; a single case answers 403.
 */
class ReadAccessTest extends ProjectionTestBase {

    private static boolean published;
    private static CaseStory fromCourt1;
    private static CaseStory fromCourt2;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        QuerySideUnderTest.register(registry, "read_access", "mediation.events.read-access");
    }

    @BeforeEach
    void twoCases() {
        if (published) {
            return;
        }
        fromCourt1 = new CaseStory();
        fromCourt2 = new CaseStory();
        List<PublishedEvent> sent = new ArrayList<>();
        for (int n = 3; n <= 6; n++) {
            sent.add(LawyerEvents.registered("lawyer" + n, "律师" + n, 5));
        }
        // court1's referral: mediated by lawyer3, then lawyer4; mediation fails; legal aid goes to lawyer5
        sent.add(fromCourt1.registeredReferral(db, "370203199001011001"));
        sent.add(fromCourt1.referredByCourt("court1", "(2025)鲁0203民初77号", LocalDate.of(2025, 6, 1)));
        sent.add(fromCourt1.mediatorAssigned("lawyer3", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 17), null));
        sent.add(fromCourt1.mediatorAssigned("lawyer4", LocalDate.of(2025, 6, 3), LocalDate.of(2025, 6, 17), "lawyer3"));
        sent.add(fromCourt1.mediationFailed(LocalDate.of(2025, 6, 5)));
        sent.add(fromCourt1.legalAidAssigned("lawyer5", "lawyer4", LocalDate.of(2025, 6, 6), false));
        // court2's referral, mediated by lawyer6
        sent.add(fromCourt2.registeredReferral(db, "370203199001011002"));
        sent.add(fromCourt2.referredByCourt("court2", "(2025)鲁0212民初88号", LocalDate.of(2025, 6, 1)));
        sent.add(fromCourt2.mediatorAssigned("lawyer6", LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 17), null));
        publishAndAwait(sent);
        published = true;
    }

    @Test
    void everyLawyerEverResponsible_readsTheCase_andNoOtherLawyerDoes() {
        for (String lawyer : List.of("lawyer3", "lawyer4", "lawyer5")) {
            assertThat(status(lawyer, "/api/cases/" + fromCourt1.caseId())).as(lawyer).isEqualTo(200);
            assertThat(ids(lawyer, "/api/cases")).as(lawyer).containsExactly(fromCourt1.caseId());
        }
        HttpResponse<String> other = get("lawyer6", "/api/cases/" + fromCourt1.caseId());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("lawyer6");
        assertThat(ids("lawyer6", "/api/cases")).containsExactly(fromCourt2.caseId());
        // asking for another lawyer's list does not widen a lawyer's own
        assertThat(ids("lawyer6", "/api/cases?lawyerId=lawyer5")).isEmpty();
    }

    @Test
    void aCourtLiaisonOfficer_readsTheirCourtsReferralsOnly() {
        assertThat(status("court1", "/api/cases/" + fromCourt1.caseId())).isEqualTo(200);
        assertThat(status("court1", "/api/cases/" + fromCourt2.caseId())).isEqualTo(403);
        assertThat(status("court2", "/api/cases/" + fromCourt2.caseId())).isEqualTo(200);
        assertThat(ids("court1", "/api/cases")).containsExactly(fromCourt1.caseId());
        assertThat(ids("court2", "/api/cases?court=court1")).isEmpty();
    }

    @Test
    void staffAndAuditors_readEverything() {
        for (String reader : List.of("staff", "auditor")) {
            assertThat(ids(reader, "/api/cases")).as(reader).containsExactlyInAnyOrder(fromCourt1.caseId(), fromCourt2.caseId());
            assertThat(status(reader, "/api/cases/" + fromCourt2.caseId())).isEqualTo(200);
            assertThat(status(reader, "/api/reports/recovered-wages")).isEqualTo(200);
            assertThat(json(reader, "/api/caseload").get("lawyers")).hasSize(4);
        }
    }

    @Test
    void aLawyerSeesTheirOwnCaseloadLine_andNeitherLawyersNorCourtsReadTheUnionsReports() {
        JsonNode lines = json("lawyer5", "/api/caseload").get("lawyers");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("lawyerId").asText()).isEqualTo("lawyer5");
        assertThat(lines.get(0).get("activeCases").asLong()).isEqualTo(1);
        assertThat(status("court1", "/api/caseload")).isEqualTo(403);
        assertThat(status("lawyer5", "/api/reports/recovered-wages")).isEqualTo(403);
        assertThat(status("court1", "/api/reports/recovered-wages")).isEqualTo(403);
    }

    @Test
    void personalData_unmasked_forStaffAndTheWorkersLawyerOnly_andEveryReadIsRecordedForAuditors() {
        String path = "/api/cases/" + fromCourt1.caseId() + "/personal-data";
        JsonNode byStaff = json("staff", path).get("claimant");
        assertThat(byStaff.get("idNumber").asText()).isEqualTo("370203199001011001");
        assertThat(byStaff.get("phone").asText()).isEqualTo("13800000000");
        assertThat(json("lawyer5", path).get("claimant").get("idNumber").asText()).isEqualTo("370203199001011001");
        for (String refused : List.of("lawyer6", "court1", "auditor")) {
            assertThat(status(refused, path)).as(refused).isEqualTo(403);
        }
        assertThat(json("auditor", "/api/cases/" + fromCourt1.caseId()).get("claimant").get("idNumber").asText())
                .as("the case file stays masked").contains("*");

        String claimantKey = json("auditor", "/api/cases/" + fromCourt1.caseId()).get("claimant").get("claimantKey").asText();
        JsonNode reads = json("auditor", "/api/audit/workers/" + claimantKey + "/personal-data-reads").get("reads");
        List<String> readers = new ArrayList<>();
        reads.forEach(read -> readers.add(read.get("readerId").asText() + "/" + read.get("readerRole").asText()));
        assertThat(readers).containsExactly("staff/UNION_STAFF", "lawyer5/LAWYER");
        assertThat(reads.get(0).get("caseId").asText()).isEqualTo(fromCourt1.caseId());
        assertThat(reads.get(0).get("readAt").asText()).isNotBlank();
        assertThat(status("staff", "/api/audit/workers/" + claimantKey + "/personal-data-reads")).isEqualTo(403);
        assertThatThrownBy(() -> db.update("DELETE FROM access_log.personal_data_read"))
                .hasMessageContaining("append-only");
    }

    private HttpResponse<String> get(String user, String path) {
        return api.get(path, user, QuerySideUnderTest.PASSWORD, "application/json");
    }

    private int status(String user, String path) {
        return get(user, path).statusCode();
    }

    private JsonNode json(String user, String path) {
        HttpResponse<String> response = get(user, path);
        assertThat(response.statusCode()).as("GET %s as %s: %s", path, user, response.body()).isEqualTo(200);
        return Api.parse(response.body());
    }

    private List<String> ids(String user, String path) {
        List<String> ids = new ArrayList<>();
        json(user, path).get("items").forEach(item -> ids.add(item.get("caseId").asText()));
        return ids;
    }
}

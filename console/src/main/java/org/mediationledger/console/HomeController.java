package org.mediationledger.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Each role's home page. Everything shown comes from the query side, read with the signed-in user's
 * own credentials, so each sees exactly what the API lets them see (a lawyer their cases, a court
 * liaison officer their court's referrals), personal data masked as the API gives it.
 */
@Controller
public class HomeController {

    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    static final int DUE_SOON_DAYS = 7;
    static final String LIST_SIZE = "200";
    /** A court's line of {@code GET /api/caseload/courts}. */
    public record CourtRow(String court, long referrals, long pending, long agreed, long failed, long lapsed,
                           long returnedToCourt, long closedOtherwise, long agreedFen, long recoveredFen) {
    }

    private final ApiClient api;
    private final ObjectMapper json;

    public HomeController(ApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @ModelAttribute("today")
    public LocalDate today() {
        return LocalDate.now(BUSINESS_ZONE);
    }

    @ModelAttribute("dueSoonDays")
    public int dueSoonDays() {
        return DUE_SOON_DAYS;
    }

    /** Union staff: cases still waiting for a mediator, then the most recently registered. */
    @GetMapping("/staff")
    public String staff(@ModelAttribute("user") SignedInUser user, Model model) {
        if (user.role() != Role.UNION_STAFF) {
            return "redirect:" + user.role().home();
        }
        List<CaseRow> cases = cases(user, Map.of(), model);
        model.addAttribute("unassigned", cases.stream()
                .filter(c -> c.responsibleLawyerId() == null && !"CLOSED".equals(c.stage())).toList());
        model.addAttribute("recent", cases.stream().limit(20).toList());
        return "staff";
    }

    /** A lawyer: their cases, overdue and due soon first. */
    @GetMapping("/lawyer")
    public String lawyer(@ModelAttribute("user") SignedInUser user, Model model) {
        if (user.role() != Role.LAWYER) {
            return "redirect:" + user.role().home();
        }
        List<CaseRow> cases = new ArrayList<>(cases(user, Map.of(), model));
        cases.sort(Comparator.comparing((CaseRow c) -> c.nextDue() == null || c.nextDue().isBlank())
                .thenComparing(c -> c.nextDue() == null ? "" : c.nextDue()));
        model.addAttribute("cases", cases);
        ApiClient.Answer caseload = api.query(user.credentials(), "/api/caseload");
        if (caseload.ok() && caseload.body().path("lawyers").size() > 0) {
            model.addAttribute("caseload", caseload.body().path("lawyers").get(0));
        }
        return "lawyer";
    }

    /** A court liaison officer: their court's referrals, counted by outcome, and listed. */
    @GetMapping("/court")
    public String court(@ModelAttribute("user") SignedInUser user, Model model) {
        if (user.role() != Role.COURT_LIAISON) {
            return "redirect:" + user.role().home();
        }
        ApiClient.Answer courts = api.query(user.credentials(), "/api/caseload/courts");
        if (courts.ok()) {
            model.addAttribute("courts", rows(courts.body().path("courts"), CourtRow.class));
        } else {
            model.addAttribute("error", courts.problem());
        }
        model.addAttribute("cases", cases(user, Map.of(), model));
        return "court";
    }

    private List<CaseRow> cases(SignedInUser user, Map<String, String> filter, Model model) {
        Map<String, String> query = new LinkedHashMap<>(filter);
        query.put("size", LIST_SIZE);
        ApiClient.Answer answer = api.query(user.credentials(), "/api/cases", query);
        if (!answer.ok()) {
            model.addAttribute("casesError", answer.problem().isEmpty() ? String.valueOf(answer.status()) : answer.problem());
            return List.of();
        }
        return rows(answer.body().path("items"), CaseRow.class);
    }

    private <T> List<T> rows(JsonNode array, Class<T> type) {
        List<T> rows = new ArrayList<>();
        array.forEach(node -> rows.add(json.convertValue(node, type)));
        return rows;
    }
}

package org.mediationledger.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Each role's home page. Everything shown comes from the query side, read with the signed-in user's
 * own credentials, so each sees exactly what the API lets them see (a lawyer their cases, a court
 * liaison officer their court's referrals), personal data masked as the API gives it.
 */
@Controller
public class HomeController {

    public static final ZoneId BUSINESS_ZONE = ShanghaiTime.ZONE;
    static final int DUE_SOON_DAYS = 7;
    /** A court's line of {@code GET /api/caseload/courts}. */
    public record CourtRow(String court, long referrals, long pending, long agreed, long failed, long lapsed,
                           long returnedToCourt, long closedOtherwise, long agreedFen, long recoveredFen) {
    }

    private final ApiClient api;
    private final CaseLists caseLists;

    public HomeController(ApiClient api, CaseLists caseLists) {
        this.api = api;
        this.caseLists = caseLists;
    }

    @ModelAttribute("today")
    public LocalDate today() {
        return LocalDate.now(BUSINESS_ZONE);
    }

    @ModelAttribute("dueSoonDays")
    public int dueSoonDays() {
        return DUE_SOON_DAYS;
    }

    /**
     * Union staff: cases still waiting for a mediator (registered, paged by {@code waiting}), then the
     * most recently registered (paged by {@code page}).
     */
    @GetMapping("/staff")
    public String staff(@ModelAttribute("user") SignedInUser user, @RequestParam(required = false) String waiting,
                        @RequestParam(required = false) String page, Model model) {
        if (user.role() != Role.UNION_STAFF) {
            return "redirect:" + user.role().home();
        }
        model.addAttribute("unassigned", caseLists.read(user, Map.of("stage", "REGISTERED"), waiting));
        model.addAttribute("recent", caseLists.read(user, Map.of(), page));
        return "staff";
    }

    /** A lawyer: their cases, overdue and due soon first (the query side orders them by next due date). */
    @GetMapping("/lawyer")
    public String lawyer(@ModelAttribute("user") SignedInUser user, @RequestParam(required = false) String page,
                         Model model) {
        if (user.role() != Role.LAWYER) {
            return "redirect:" + user.role().home();
        }
        model.addAttribute("cases", caseLists.read(user, Map.of("sort", "nextDue"), page));
        ApiClient.Answer caseload = api.query(user.credentials(), "/api/caseload");
        if (caseload.ok() && caseload.body().path("lawyers").size() > 0) {
            model.addAttribute("caseload", caseload.body().path("lawyers").get(0));
        }
        return "lawyer";
    }

    /** A court liaison officer: their court's referrals, counted by outcome, and listed. */
    @GetMapping("/court")
    public String court(@ModelAttribute("user") SignedInUser user, @RequestParam(required = false) String page,
                        Model model) {
        if (user.role() != Role.COURT_LIAISON) {
            return "redirect:" + user.role().home();
        }
        ApiClient.Answer courts = api.query(user.credentials(), "/api/caseload/courts");
        if (courts.ok()) {
            model.addAttribute("courts", api.rows(courts.body().path("courts"), CourtRow.class));
        } else {
            model.addAttribute("error", courts.problem());
        }
        model.addAttribute("cases", caseLists.read(user, Map.of(), page));
        return "court";
    }

}

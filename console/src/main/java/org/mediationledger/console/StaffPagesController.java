package org.mediationledger.console;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The union staff's other pages: lawyers and their caseloads, and the relief fund ledger; and the
 * court liaison officer's way to a ruling form for a case named by its id.
 */
@Controller
public class StaffPagesController {

    private final ApiClient api;

    public StaffPagesController(ApiClient api) {
        this.api = api;
    }

    /** {@code added}: a lawyer just registered from this console, waited for briefly (the views lag the write). */
    @GetMapping("/staff/lawyers")
    public String lawyers(@RequestParam(required = false) String added, @ModelAttribute("user") SignedInUser user,
                          Model model) throws InterruptedException {
        requireRole(user, Role.UNION_STAFF);
        ApiClient.Answer caseload = CatchUp.until(() -> api.query(user.credentials(), "/api/caseload"),
                answer -> added == null || !answer.ok() || answer.body().path("lawyers").findValuesAsText("lawyerId").contains(added));
        model.addAttribute("lawyers", caseload.body().path("lawyers"));
        if (!caseload.ok()) {
            model.addAttribute("casesError", caseload.problem());
        }
        return "lawyers";
    }

    @GetMapping("/funds")
    public String funds(@ModelAttribute("user") SignedInUser user, Model model) {
        requireRole(user, Role.UNION_STAFF);
        ApiClient.Answer funds = api.query(user.credentials(), "/api/relief-funds");
        model.addAttribute("funds", funds.body().path("funds"));
        if (!funds.ok()) {
            model.addAttribute("casesError", funds.problem());
        }
        return "funds";
    }

    /** {@code after}: the fund version a write from this console just answered, asked of the query side as {@code minVersion}. */
    @GetMapping("/funds/{fundId}")
    public String fund(@PathVariable UUID fundId, @RequestParam(required = false) Long after,
                       @ModelAttribute("user") SignedInUser user, Model model, HttpServletResponse response) {
        requireRole(user, Role.UNION_STAFF);
        ApiClient.Answer fund = api.query(user.credentials(),
                "/api/relief-funds/" + fundId + (after == null ? "" : "?minVersion=" + after));
        if (fund.notCaughtUp()) {
            model.addAttribute("catchingUp", true);
            model.addAttribute("refreshSeconds", CaseFileController.CATCHING_UP_RELOAD_SECONDS);
        } else if (!fund.ok()) {
            response.setStatus(fund.status() == 404 ? 404 : 502);
            model.addAttribute("casesError", fund.problemOrStatus());
        } else {
            model.addAttribute("fund", fund.body());
        }
        return "fund";
    }

    /** The court's "record a ruling" box: a case id and a kind of ruling lead to that form. */
    @GetMapping("/court/ruling")
    public String ruling(@RequestParam String caseId, @RequestParam String kind,
                         @ModelAttribute("user") SignedInUser user) {
        requireRole(user, Role.COURT_LIAISON);
        UUID id;
        try {
            id = UUID.fromString(caseId.strip());
        } catch (IllegalArgumentException e) {
            return "redirect:/court?badCaseId=" + java.net.URLEncoder.encode(caseId, java.nio.charset.StandardCharsets.UTF_8);
        }
        String slug = "termination".equals(kind) ? "termination" : "confirmation";
        return "redirect:/cases/" + id + "/" + slug;
    }

    private static void requireRole(SignedInUser user, Role role) {
        if (user.role() != role) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}

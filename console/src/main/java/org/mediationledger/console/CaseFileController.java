package org.mediationledger.console;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.mediationledger.console.forms.CommandForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The case file: everything about one case as the query side gives it to this user, its timeline,
 * what is due next, and the forms this user's role may send about it.
 */
@Controller
public class CaseFileController {

    /** How often a page whose write the views do not show yet asks again. */
    static final int CATCHING_UP_RELOAD_SECONDS = 2;

    private final ApiClient api;

    public CaseFileController(ApiClient api) {
        this.api = api;
    }

    /**
     * {@code after}: the case version a write from this console just answered. The query side is asked
     * for at least that version ({@code minVersion}) and waits for its views itself; when they are
     * still behind, the page says so and reloads until they have it, rather than show the case
     * without what the user has just recorded, or refuse it (docs/read-your-writes.md).
     */
    @GetMapping("/cases/{caseId}")
    public String caseFile(@PathVariable UUID caseId, @RequestParam(required = false) Long after,
                           @ModelAttribute("user") SignedInUser user, Model model, HttpServletResponse response) {
        ApiClient.Answer answer = api.query(user.credentials(),
                "/api/cases/" + caseId + (after == null ? "" : "?minVersion=" + after));
        model.addAttribute("caseId", caseId.toString());
        if (answer.notCaughtUp()) {
            model.addAttribute("catchingUp", true);
            model.addAttribute("refreshSeconds", CATCHING_UP_RELOAD_SECONDS);
            return "casefile";
        }
        if (!answer.ok()) {
            response.setStatus(answer.status() == 403 || answer.status() == 404 || answer.status() == 400 ? answer.status() : 502);
            model.addAttribute("casesError", answer.problemOrStatus());
            return "casefile";
        }
        model.addAttribute("caseFile", answer.body());
        List<CommandForm> forms = CommandForm.caseFormsFor(user.role());
        model.addAttribute("forms", forms);
        return "casefile";
    }

}

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

    private final ApiClient api;

    public CaseFileController(ApiClient api) {
        this.api = api;
    }

    /**
     * {@code after}: the case version a write from this console just answered; the views are
     * eventually consistent, so the page waits briefly for them rather than show the case without
     * what the user has just recorded.
     */
    @GetMapping("/cases/{caseId}")
    public String caseFile(@PathVariable UUID caseId, @RequestParam(required = false) Long after,
                           @ModelAttribute("user") SignedInUser user, Model model, HttpServletResponse response)
            throws InterruptedException {
        String path = "/api/cases/" + caseId;
        ApiClient.Answer answer = CatchUp.until(() -> api.query(user.credentials(), path),
                a -> after == null || !behind(a, after));
        model.addAttribute("caseId", caseId.toString());
        if (after != null && answer.status() == 404) {
            // just registered here, not in the views yet: say so rather than "not found"
            model.addAttribute("stale", true);
            return "casefile";
        }
        if (!answer.ok()) {
            response.setStatus(answer.status() == 403 || answer.status() == 404 ? answer.status() : 502);
            model.addAttribute("casesError", answer.problemOrStatus());
            return "casefile";
        }
        model.addAttribute("caseFile", answer.body());
        model.addAttribute("stale", after != null && behind(answer, after));
        List<CommandForm> forms = CommandForm.caseFormsFor(user.role());
        model.addAttribute("forms", forms);
        return "casefile";
    }

    private static boolean behind(ApiClient.Answer answer, long version) {
        return answer.status() == 404 || (answer.ok() && answer.body().path("version").asLong() < version);
    }
}

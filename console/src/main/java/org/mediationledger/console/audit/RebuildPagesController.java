package org.mediationledger.console.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.mediationledger.console.ApiClient;
import org.mediationledger.console.Role;
import org.mediationledger.console.SignedInUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Rebuilding every view from the event stream and comparing it with the live views (the query side's
 * {@code /api/audit/rebuilds}): the list with a start button, one rebuild's progress and differences,
 * and replacing the live views by a completed rebuild, after a confirmation page.
 *
 * <p>A running rebuild's page reloads itself every {@value #REFRESH_SECONDS} seconds by a meta refresh:
 * the page is small, the console has no JavaScript (htmx is not on its classpath yet), and a reload
 * works in any browser; it stops once the rebuild has finished. A reload puts keyboard and screen-reader
 * users back at the top, so the page offers to stop following ({@code ?follow=false}).
 */
@Controller
public class RebuildPagesController {

    static final int REFRESH_SECONDS = 5;
    private static final String API = "/api/audit/rebuilds";

    private final ApiClient api;
    private final ObjectMapper json;

    public RebuildPagesController(ApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @GetMapping("/audit/rebuilds")
    public String list(@ModelAttribute("user") SignedInUser user, Model model) {
        if (user.role() != Role.AUDITOR) {
            return "redirect:" + user.role().home();
        }
        ApiClient.Answer answer = api.query(user.credentials(), API);
        if (answer.ok()) {
            List<RebuildStatus> rebuilds = new ArrayList<>();
            answer.body().path("rebuilds").forEach(r -> rebuilds.add(json.convertValue(r, RebuildStatus.class)));
            model.addAttribute("rebuilds", rebuilds);
        } else {
            model.addAttribute("listError", answer.problemOrStatus());
            model.addAttribute("rebuilds", List.of());
        }
        return "audit-rebuilds";
    }

    /** Starts one; 409 when one is running already (one at a time), shown on the list. */
    @PostMapping("/audit/rebuilds")
    public String start(@ModelAttribute("user") SignedInUser user, RedirectAttributes redirect) {
        if (user.role() != Role.AUDITOR) {
            return "redirect:" + user.role().home();
        }
        ApiClient.Answer started = api.queryPost(user.credentials(), API, null);
        String rebuildId = started.body().path("rebuildId").asText("");
        if (!started.ok() || rebuildId.isEmpty()) {
            redirect.addFlashAttribute("startError", started.problemOrStatus());
            return "redirect:/audit/rebuilds";
        }
        return "redirect:/audit/rebuilds/" + rebuildId;
    }

    @GetMapping("/audit/rebuilds/{rebuildId}")
    public String one(@ModelAttribute("user") SignedInUser user, @PathVariable String rebuildId,
                      @RequestParam(defaultValue = "true") boolean follow, Model model, HttpServletResponse response) {
        if (user.role() != Role.AUDITOR) {
            return "redirect:" + user.role().home();
        }
        Optional<RebuildStatus> rebuild = find(user, rebuildId, model, response);
        model.addAttribute("differencesShown", RebuildStatus.DIFFERENCES_SHOWN);
        model.addAttribute("follow", follow);
        rebuild.filter(RebuildStatus::running).filter(r -> follow)
                .ifPresent(r -> model.addAttribute("refreshSeconds", REFRESH_SECONDS));
        return "audit-rebuild";
    }

    /** The confirmation step: what switching does, and a second button to do it. */
    @GetMapping("/audit/rebuilds/{rebuildId}/switch")
    public String confirmSwitch(@ModelAttribute("user") SignedInUser user, @PathVariable String rebuildId, Model model,
                                HttpServletResponse response) {
        if (user.role() != Role.AUDITOR) {
            return "redirect:" + user.role().home();
        }
        find(user, rebuildId, model, response);
        return "audit-rebuild-switch";
    }

    @PostMapping("/audit/rebuilds/{rebuildId}/switch")
    public String switchViews(@ModelAttribute("user") SignedInUser user, @PathVariable String rebuildId, Model model,
                              HttpServletResponse response, RedirectAttributes redirect) {
        if (user.role() != Role.AUDITOR) {
            return "redirect:" + user.role().home();
        }
        Optional<String> id = Uuids.canonical(rebuildId);
        if (id.isEmpty()) {
            return notFound(model, response);
        }
        ApiClient.Answer switched = api.queryPost(user.credentials(), API + "/" + id.get() + "/switch", null);
        if (switched.ok()) {
            redirect.addFlashAttribute("switched", true);
            return "redirect:/audit/rebuilds/" + id.get();
        }
        // refused (409: not completed, events held, tables gone): the confirmation page again, saying why
        find(user, rebuildId, model, response);
        model.addAttribute("switchError", switched.problemOrStatus());
        response.setStatus(switched.status() >= 400 ? switched.status() : HttpServletResponse.SC_BAD_GATEWAY);
        return "audit-rebuild-switch";
    }

    private Optional<RebuildStatus> find(SignedInUser user, String rebuildId, Model model, HttpServletResponse response) {
        Optional<String> id = Uuids.canonical(rebuildId);
        if (id.isEmpty()) {
            notFound(model, response);
            return Optional.empty();
        }
        ApiClient.Answer answer = api.query(user.credentials(), API + "/" + id.get());
        if (!answer.ok()) {
            response.setStatus(answer.status() >= 400 ? answer.status() : HttpServletResponse.SC_BAD_GATEWAY);
            model.addAttribute("pageError", answer.status() == 404 ? "audit.rebuild.error.unknown" : "audit.rebuild.error.other");
            model.addAttribute("pageErrorDetail", answer.problemOrStatus());
            return Optional.empty();
        }
        RebuildStatus rebuild = json.convertValue(answer.body(), RebuildStatus.class);
        model.addAttribute("rebuild", rebuild);
        return Optional.of(rebuild);
    }

    private static String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("pageError", "audit.rebuild.error.unknown");
        return "audit-rebuild";
    }
}

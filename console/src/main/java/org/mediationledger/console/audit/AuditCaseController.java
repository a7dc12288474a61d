package org.mediationledger.console.audit;

import org.mediationledger.console.ShanghaiTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An auditor's view of one case: its history from the event store as a timeline, the verification of
 * its hash chain, and the case file as it stood at a chosen instant.
 */
@Controller
public class AuditCaseController {

    private final ApiClient api;
    private final ObjectMapper json;

    public AuditCaseController(ApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    /**
     * @param at   the as-of form's {@code datetime-local} value, Asia/Shanghai (the end of that second is asked for)
     * @param asOf an exact instant (ISO-8601 UTC), from a history row's "as of this event" link
     */
    @GetMapping("/audit/cases/{caseId}")
    public String auditCase(@ModelAttribute("user") SignedInUser user, @PathVariable String caseId,
                            @RequestParam(required = false) String at,
                            @RequestParam(required = false) String asOf,
                            Model model, HttpServletResponse response) {
        if (user.role() != Role.AUDITOR) {
            return "redirect:" + user.role().home();
        }
        model.addAttribute("caseId", caseId);
        Optional<String> id = Uuids.canonical(caseId);
        if (id.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("pageError", "audit.case.error.notACaseId");
            return "audit-case";
        }
        String base = "/api/audit/cases/" + id.get();

        ApiClient.Answer history = api.query(user.credentials(), base + "/history");
        if (!history.ok()) {
            response.setStatus(history.status() >= 400 ? history.status() : HttpServletResponse.SC_BAD_GATEWAY);
            model.addAttribute("pageError", history.status() == 404 ? "audit.case.error.unknown" : "audit.case.error.history");
            model.addAttribute("pageErrorDetail", history.problemOrStatus());
            return "audit-case";
        }
        List<HistoryRow> events = historyRows(history.body().path("events"));
        model.addAttribute("events", events);
        model.addAttribute("personalData", history.body().path("personalData").asText(""));

        ApiClient.Answer verification = api.query(user.credentials(), base + "/verification");
        if (verification.ok()) {
            JsonNode v = verification.body();
            model.addAttribute("verification", new Verification(v.path("intact").asBoolean(false), v.path("events").asLong(),
                    v.hasNonNull("firstBrokenSequence") ? v.get("firstBrokenSequence").asLong() : null));
        } else {
            model.addAttribute("verificationError", verification.problemOrStatus());
        }

        asOf(user, base, at, asOf, events, model);
        return "audit-case";
    }

    /** The verification badge: intact, or broken from {@code firstBrokenSequence} on; {@code events} checked. */
    public record Verification(boolean intact, long events, Long firstBrokenSequence) {
    }

    private void asOf(SignedInUser user, String base, String at, String exact, List<HistoryRow> events, Model model) {
        String instant;
        if (exact != null && !exact.isBlank()) {
            instant = exact.trim(); // as the link gave it; the query side judges it (400 shown beside the field)
            model.addAttribute("at", ShanghaiTime.inputValue(instant));
        } else if (at != null && !at.isBlank()) {
            model.addAttribute("at", at);
            Optional<Instant> end = ShanghaiTime.endOfLocalSecond(at);
            if (end.isEmpty()) {
                model.addAttribute("asOfError", "audit.asOf.error.notADateTime");
                return;
            }
            instant = end.get().toString();
        } else {
            return;
        }
        model.addAttribute("asOfInstant", instant);
        model.addAttribute("asOfShown", ShanghaiTime.shown(instant));
        ApiClient.Answer state = api.query(user.credentials(), base + "/state", Map.of("asOf", instant));
        if (state.ok()) {
            model.addAttribute("asOfCase", json.convertValue(state.body(), CaseAsOf.class));
            return;
        }
        switch (state.status()) {
            case 400 -> {
                model.addAttribute("asOfError", "audit.asOf.error.invalid");
                model.addAttribute("asOfErrorArg", state.fieldErrors().getOrDefault("asOf", state.problemOrStatus()));
            }
            // the case is known (it has a history): a 404 here is an instant before its first event
            case 404 -> {
                model.addAttribute("asOfError", "audit.asOf.error.beforeFirstEvent");
                model.addAttribute("asOfErrorArg", events.isEmpty() ? "" : events.get(0).occurredShown());
            }
            default -> {
                model.addAttribute("asOfError", "audit.asOf.error.other");
                model.addAttribute("asOfErrorArg", state.problemOrStatus());
            }
        }
    }

    private List<HistoryRow> historyRows(JsonNode events) {
        List<HistoryRow> rows = new ArrayList<>();
        for (JsonNode event : events) {
            String occurredAt = text(event, "occurredAt");
            JsonNode payload = event.path("payload");
            rows.add(new HistoryRow(event.path("sequence").asLong(), text(event, "type"), occurredAt,
                    ShanghaiTime.shown(occurredAt), text(event.path("actor"), "id"), text(event.path("actor"), "role"),
                    text(event, "requestId"), text(event, "hash"),
                    payload.isMissingNode() || payload.isNull() ? "" : payload.toPrettyString()));
        }
        rows.sort(Comparator.comparingLong(HistoryRow::sequence)); // oldest first, whatever order they came in
        return rows;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}

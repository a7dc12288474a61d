package org.mediationledger.console.forms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import org.mediationledger.console.ApiClient;
import org.mediationledger.console.Money;
import org.mediationledger.console.Role;
import org.mediationledger.console.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every command form (CommandForm): shown with sensible defaults, sent to the command side with the
 * signed-in user's credentials, and on refusal shown again as typed with each of the API's errors
 * beside the input it names. A form carries its own idempotency key and generated ids, so sending it
 * twice records it once; a case form carries the case version it was shown at, so a case changed by
 * someone else meanwhile is a conflict, never a lost update.
 */
@Controller
public class FormController {

    static final String IDEMPOTENCY_KEY = "_idempotencyKey";
    static final String EXPECTED_VERSION = "_expectedVersion";
    /** Sent by "register anyway" under the warning about the worker's open case against the same employer. */
    static final String DUPLICATE_ACKNOWLEDGED = "_duplicateAcknowledged";

    /** A choice of a select whose values come from the query side (lawyers, funds). */
    public record Option(String value, String label) {
    }

    private final ApiClient api;
    private final MessageSource messages;
    private final Money money;

    public FormController(ApiClient api, MessageSource messages, Money money) {
        this.api = api;
        this.messages = messages;
        this.money = money;
    }

    @GetMapping("/new/{slug}")
    public String newForm(@PathVariable String slug, @ModelAttribute("user") SignedInUser user, Model model) {
        return show(form(slug, CommandForm.Subject.NONE, user), null, user, Map.of(), model);
    }

    @PostMapping("/new/{slug}")
    public String sendNew(@PathVariable String slug, @RequestParam Map<String, String> typed,
                          @ModelAttribute("user") SignedInUser user, Model model, Locale locale,
                          HttpServletResponse response, RedirectAttributes redirect) {
        return send(form(slug, CommandForm.Subject.NONE, user), null, typed, user, model, locale, response, redirect);
    }

    @GetMapping("/cases/{caseId}/{slug}")
    public String caseForm(@PathVariable UUID caseId, @PathVariable String slug,
                           @ModelAttribute("user") SignedInUser user, Model model) {
        return show(form(slug, CommandForm.Subject.CASE, user), caseId.toString(), user, Map.of(), model);
    }

    @PostMapping("/cases/{caseId}/{slug}")
    public String sendCase(@PathVariable UUID caseId, @PathVariable String slug, @RequestParam Map<String, String> typed,
                           @ModelAttribute("user") SignedInUser user, Model model, Locale locale,
                           HttpServletResponse response, RedirectAttributes redirect) {
        return send(form(slug, CommandForm.Subject.CASE, user), caseId.toString(), typed, user, model, locale, response,
                redirect);
    }

    @GetMapping("/funds/{fundId}/{slug}")
    public String fundForm(@PathVariable UUID fundId, @PathVariable String slug,
                           @ModelAttribute("user") SignedInUser user, Model model) {
        return show(form(slug, CommandForm.Subject.FUND, user), fundId.toString(), user, Map.of(), model);
    }

    @PostMapping("/funds/{fundId}/{slug}")
    public String sendFund(@PathVariable UUID fundId, @PathVariable String slug, @RequestParam Map<String, String> typed,
                           @ModelAttribute("user") SignedInUser user, Model model, Locale locale,
                           HttpServletResponse response, RedirectAttributes redirect) {
        return send(form(slug, CommandForm.Subject.FUND, user), fundId.toString(), typed, user, model, locale, response,
                redirect);
    }

    /** The form, if it exists for that kind of page and the user's role may send it; else 404. */
    private static CommandForm form(String slug, CommandForm.Subject subject, SignedInUser user) {
        return CommandForm.bySlug(slug)
                .filter(f -> f.subject() == subject && f.allows(user.role()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String show(CommandForm form, String subjectId, SignedInUser user, Map<String, String> errors, Model model) {
        JsonNode caseFile = form.subject() == CommandForm.Subject.CASE ? readableCase(user, subjectId) : null;
        Map<String, List<Option>> choices = choices(form, user);
        model.addAttribute("choices", choices);
        Map<String, String> values = defaults(form, user, caseFile, choices);
        values.put(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        if (caseFile != null) {
            values.put(EXPECTED_VERSION, caseFile.path("version").asText());
        }
        return render(form, subjectId, caseFile, values, errors, null, user, model);
    }

    private String send(CommandForm form, String subjectId, Map<String, String> typed, SignedInUser user, Model model,
                        Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> values = new HashMap<>(typed);
        if (typed.containsKey("_moreRows")) {
            // "more rows" asks for the same form with room for more; nothing is sent
            values.put(typed.get("_moreRows") + ".rows", String.valueOf(
                    FormInput.rowCount(rowsField(form, typed.get("_moreRows")), typed) + 4));
            return render(form, subjectId, caseIfCase(form, user, subjectId), values, Map.of(), null, user, model);
        }
        FormInput input = FormInput.read(form, typed);
        if (!input.errorCodes().isEmpty()) {
            Map<String, String> errors = new LinkedHashMap<>();
            input.errorCodes().forEach((name, code) -> errors.put(name, messages.getMessage(code, null, code, locale)));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return render(form, subjectId, caseIfCase(form, user, subjectId), values, errors, null, user, model);
        }
        if (form == CommandForm.INTAKE && !typed.containsKey(DUPLICATE_ACKNOWLEDGED)) {
            DuplicateCheck check = openCasesAgainstTheSameEmployer(user, input.body());
            if (!check.isClear()) {
                // a warning, not a refusal: nothing is sent until staff confirm it is another dispute
                model.addAttribute("duplicates", check);
                return render(form, subjectId, null, values, Map.of(), null, user, model);
            }
        }
        Long expectedVersion = parseVersion(typed.get(EXPECTED_VERSION));
        ApiClient.Answer answer = api.command(user.credentials(), form.path(subjectId), input.body(),
                typed.get(IDEMPOTENCY_KEY), expectedVersion);
        if (answer.ok()) {
            redirect.addFlashAttribute("recorded", form.slug());
            return "redirect:" + afterSuccess(form, subjectId, answer, user);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        answer.fieldErrors().forEach((field, message) -> errors.put(input.inputNameOf(field), message));
        String problem = answer.problemOrStatus();
        if (!errors.isEmpty() && errors.keySet().stream().allMatch(form::hasInput)) {
            // each message stands beside its input; above the form, only where to look
            problem = messages.getMessage("form.error.fields", new Object[] {errors.size()}, locale);
        }
        if (answer.status() == 409 && "Stale version".equals(answer.body().path("title").asText())) {
            problem = messages.getMessage("form.error.stale", null, locale) + " " + problem;
        }
        if (answer.status() == 422) {
            // the key was already used for other content: an earlier send (one that got no clear answer)
            // was stored. Keep the key, so that nothing is recorded twice, and say to look first.
            problem = messages.getMessage("form.error.reused", null, locale) + " " + problem;
        } else if (answer.status() / 100 == 4) {
            // a refused command wrote nothing: the corrected form is a new request with a key of its own.
            // After a 5xx or no answer the command may have been stored: sending again keeps the key.
            values.put(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        }
        JsonNode caseFile = caseIfCase(form, user, subjectId);
        if (caseFile != null && answer.status() == 409) {
            values.put(EXPECTED_VERSION, caseFile.path("version").asText());
        }
        response.setStatus(answer.status() >= 400 && answer.status() < 500 ? answer.status() : 502);
        return render(form, subjectId, caseFile, values, errors, problem, user, model);
    }

    /**
     * What the duplicate check found.
     *
     * @param sameEmployer open cases of the worker against a respondent typed on the intake
     * @param unreadable   open cases of the worker the query side cannot show yet (registered moments ago):
     *                     their employer is unknown, so they are listed too
     * @param failure      why the check could not be made, else null
     */
    public record DuplicateCheck(List<JsonNode> sameEmployer, List<String> unreadable, String failure) {

        public boolean isClear() {
            return sameEmployer.isEmpty() && unreadable.isEmpty() && failure == null;
        }
    }

    /**
     * The worker's open cases (the command side matches the ID number by its keyed hash) whose
     * respondents include one typed on the intake: same name, or same credit code. Clear when the ID
     * number is missing or invalid (400): the intake itself then says what is wrong with it.
     */
    private DuplicateCheck openCasesAgainstTheSameEmployer(SignedInUser user, JsonNode intake) {
        String idNumber = intake.path("claimant").path("idNumber").asText("");
        if (idNumber.isEmpty()) {
            return new DuplicateCheck(List.of(), List.of(), null);
        }
        ApiClient.Answer check = api.command(user.credentials(), "/api/intake-checks",
                Map.of("idNumber", idNumber), null);
        if (check.status() == 400) {
            return new DuplicateCheck(List.of(), List.of(), null);
        }
        if (!check.ok()) {
            return new DuplicateCheck(List.of(), List.of(), check.problemOrStatus());
        }
        List<JsonNode> sameEmployer = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (JsonNode caseId : check.body().path("openCases")) {
            JsonNode caseFile = readableCase(user, caseId.asText());
            if (caseFile == null) {
                unreadable.add(caseId.asText());
            } else if (sharesARespondent(caseFile.path("respondents"), intake.path("respondents"))) {
                sameEmployer.add(caseFile);
            }
        }
        return new DuplicateCheck(sameEmployer, unreadable, null);
    }

    static boolean sharesARespondent(JsonNode existing, JsonNode typed) {
        for (JsonNode a : existing) {
            for (JsonNode b : typed) {
                String codeA = a.path("creditCode").asText("").strip().toUpperCase(Locale.ROOT);
                String codeB = b.path("creditCode").asText("").strip().toUpperCase(Locale.ROOT);
                if (!codeA.isEmpty() && codeA.equals(codeB)) {
                    return true;
                }
                if (!comparableName(a).isEmpty() && comparableName(a).equals(comparableName(b))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A company name as typed in different ways: full-width letters, digits and brackets as their
     * half-width forms (NFKC), and spaces of any width, aside.
     */
    private static String comparableName(JsonNode respondent) {
        return java.text.Normalizer.normalize(respondent.path("name").asText(""), java.text.Normalizer.Form.NFKC)
                .replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private String afterSuccess(CommandForm form, String subjectId, ApiClient.Answer answer, SignedInUser user) {
        String version = answer.body().path("version").asText("");
        return switch (form) {
            case INTAKE, COURT_REFERRAL -> "/cases/" + answer.body().path("caseId").asText() + "?after=" + version;
            case REGISTER_LAWYER -> "/staff/lawyers?added=" + answer.body().path("lawyerId").asText();
            case RELIEF_FUND -> "/funds/" + answer.body().path("fundId").asText() + "?after=" + version;
            case CONTRIBUTION -> "/funds/" + subjectId + "?after=" + version;
            // a court liaison officer may record a ruling on a case that is not their court's referral,
            // whose file they may then not read: back home, with the ruling confirmed there
            default -> user.role() == Role.COURT_LIAISON
                    ? "/court?case=" + subjectId
                    : "/cases/" + subjectId + "?after=" + version;
        };
    }

    private String render(CommandForm form, String subjectId, JsonNode caseFile, Map<String, String> values,
                          Map<String, String> errors, String problem, SignedInUser user, Model model) {
        Map<String, Integer> rowCounts = new LinkedHashMap<>();
        form.fields().stream().filter(f -> f.kind() == FormField.Kind.ROWS)
                .forEach(f -> rowCounts.put(f.name(), FormInput.rowCount(f, values)));
        model.addAttribute("form", form);
        model.addAttribute("subjectId", subjectId);
        model.addAttribute("caseFile", caseFile);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        model.addAttribute("rowCounts", rowCounts);
        // the first input with an error takes the focus, so keyboard and screen-reader users start there
        model.addAttribute("firstInvalid", inputNames(form, rowCounts).stream().filter(errors::containsKey)
                .findFirst().orElse(null));
        // inputs described by a hint under the form (the lawyer choice)
        model.addAttribute("hintsFor", form == CommandForm.ASSIGN_MEDIATOR || form == CommandForm.LEGAL_AID
                ? Map.of("lawyerId", "lawyer-hint") : Map.of());
        if (!model.containsAttribute("choices")) {
            model.addAttribute("choices", choices(form, user));
        }
        model.addAttribute("action", switch (form.subject()) {
            case NONE -> "/new/" + form.slug();
            case CASE -> "/cases/" + subjectId + "/" + form.slug();
            case FUND -> "/funds/" + subjectId + "/" + form.slug();
        });
        return "form";
    }

    /** Choices read from the query side: lawyers by caseload (lowest first: the suggestion), funds. */
    private Map<String, List<Option>> choices(CommandForm form, SignedInUser user) {
        Map<String, List<Option>> choices = new HashMap<>();
        if (form == CommandForm.ASSIGN_MEDIATOR || form == CommandForm.LEGAL_AID) {
            ApiClient.Answer caseload = api.query(user.credentials(), "/api/caseload");
            List<JsonNode> lawyers = new ArrayList<>();
            caseload.body().path("lawyers").forEach(lawyers::add);
            // the command side's own order when it chooses (JdbcLawyerCaseloads): under their limit first,
            // then the fewest active cases, then the lawyer id; those at their limit last, marked
            lawyers.sort(Comparator.comparing(FormController::atLimit)
                    .thenComparing(l -> l.path("activeCases").asLong())
                    .thenComparing(l -> l.path("lawyerId").asText()));
            String full = messages.getMessage("form.lawyer.full", null,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
            choices.put("lawyerId", lawyers.stream().map(l -> new Option(l.path("lawyerId").asText(),
                    l.path("name").asText() + " (" + l.path("lawyerId").asText() + ") · "
                            + l.path("activeCases").asText() + " / " + l.path("maxActiveCases").asText()
                            + (atLimit(l) ? " · " + full : ""))).toList());
        }
        if (form == CommandForm.RELIEF_APPLICATION) {
            ApiClient.Answer funds = api.query(user.credentials(), "/api/relief-funds");
            List<Option> options = new ArrayList<>();
            funds.body().path("funds").forEach(f -> options.add(new Option(f.path("fundId").asText(),
                    f.path("name").asText() + " · " + money.yuan(f.path("availableFen").asLong()))));
            choices.put("fundId", options);
        }
        return choices;
    }

    private static boolean atLimit(JsonNode lawyer) {
        return lawyer.path("activeCases").asLong() >= lawyer.path("maxActiveCases").asLong();
    }

    private Map<String, String> defaults(CommandForm form, SignedInUser user, JsonNode caseFile,
                                         Map<String, List<Option>> choices) {
        Map<String, String> values = new HashMap<>();
        String today = LocalDate.now(org.mediationledger.console.HomeController.BUSINESS_ZONE).toString();
        for (FormField field : form.fields()) {
            switch (field.kind()) {
                case DATE -> {
                    if (field.required() || field.name().equals("appliedOn") || field.name().equals("decidedOn")) {
                        values.put(field.name(), today);
                    }
                }
                case GENERATED_ID -> values.put(field.name(), UUID.randomUUID().toString());
                default -> {
                }
            }
        }
        if (form.fields().stream().anyMatch(f -> f.name().equals("court"))) {
            String court = caseFile == null ? "" : caseFile.path("courtReferral").path("court").asText("");
            values.put("court", !court.isEmpty() ? court : user.role() == Role.COURT_LIAISON ? ownCourt(user) : "");
        }
        if (caseFile != null) {
            long outstanding = caseFile.path("outstandingFen").asLong();
            if (form == CommandForm.RELIEF_APPLICATION && outstanding > 0) {
                values.put("requestedFen", Yuan.forInput(outstanding));
            }
            if (form == CommandForm.AWARD && caseFile.hasNonNull("agreedFen")) {
                values.put("enforceableFen", Yuan.forInput(caseFile.path("agreedFen").asLong()));
            }
        }
        choices.forEach((name, options) -> {
            FormField field = form.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
            if (field.required() && !options.isEmpty()) {
                values.put(name, options.get(0).value());
            }
        });
        return values;
    }

    /** The court a liaison officer speaks for, as the query side knows it from their referrals. */
    private String ownCourt(SignedInUser user) {
        JsonNode courts = api.query(user.credentials(), "/api/caseload/courts").body().path("courts");
        return courts.size() == 1 ? courts.get(0).path("court").asText() : user.username();
    }

    private JsonNode caseIfCase(CommandForm form, SignedInUser user, String subjectId) {
        return form.subject() == CommandForm.Subject.CASE ? readableCase(user, subjectId) : null;
    }

    /** The case file when the user may read it; null otherwise (a court recording another's ruling). */
    private JsonNode readableCase(SignedInUser user, String caseId) {
        ApiClient.Answer answer = api.query(user.credentials(), "/api/cases/" + caseId);
        return answer.ok() ? answer.body() : null;
    }

    /** The form's input names in the order the page shows them. */
    private static List<String> inputNames(CommandForm form, Map<String, Integer> rowCounts) {
        List<String> names = new ArrayList<>();
        for (FormField field : form.fields()) {
            if (field.kind() == FormField.Kind.ROWS) {
                for (int row = 0; row < rowCounts.getOrDefault(field.name(), 0); row++) {
                    for (FormField column : field.columns()) {
                        names.add(column.inRow(field, row));
                    }
                }
            } else {
                names.add(field.name());
            }
        }
        return names;
    }

    private static FormField rowsField(CommandForm form, String name) {
        return form.fields().stream().filter(f -> f.kind() == FormField.Kind.ROWS && f.name().equals(name))
                .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
    }

    private static Long parseVersion(String version) {
        try {
            return version == null || version.isBlank() ? null : Long.valueOf(version);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

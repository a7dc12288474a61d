package org.mediationledger.console.forms;

import static org.mediationledger.console.forms.FormField.checkbox;
import static org.mediationledger.console.forms.FormField.date;
import static org.mediationledger.console.forms.FormField.generatedId;
import static org.mediationledger.console.forms.FormField.rows;
import static org.mediationledger.console.forms.FormField.select;
import static org.mediationledger.console.forms.FormField.text;
import static org.mediationledger.console.forms.FormField.textarea;
import static org.mediationledger.console.forms.FormField.wholeNumber;
import static org.mediationledger.console.forms.FormField.yuan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mediationledger.console.Role;

/**
 * Every command the console can send, as a form: the API path it posts to (API.md, command side),
 * who may send it there, and its inputs named as the API names its fields. {@code {id}} in the path is
 * the case (or, for a contribution, the fund) the form is about.
 */
public enum CommandForm {

    INTAKE("intake", "/api/cases", Set.of(Role.UNION_STAFF), Subject.NONE, withIntake(
            List.of(generatedId("caseId")),
            List.of(select("channel", true, "WALK_IN", "HOTLINE", "ONLINE", "INFORMATION_OFFICER"),
                    date("appliedOn", false)))),
    COURT_REFERRAL("referral", "/api/court-referrals", Set.of(Role.COURT_LIAISON), Subject.NONE, withIntake(
            List.of(generatedId("caseId"),
                    text("court", true),
                    text("courtCaseNumber", false),
                    date("referredOn", true),
                    // entrusted first: delegated mediation ended with 2024 (DOMAIN.md, "Court referral")
                    select("referralKind", true, "ENTRUSTED", "PRE_FILING_DELEGATED"),
                    select("procedure", true, "ORDINARY", "SIMPLE"),
                    checkbox("partiesConsented")),
            List.of())),
    ASSIGN_MEDIATOR("mediator", "/api/cases/{id}/mediator", Set.of(Role.UNION_STAFF), Subject.CASE, List.of(
            select("lawyerId", true),
            date("receivedOn", true),
            text("overLimitReason", false))),
    LEGAL_AID("legal-aid", "/api/cases/{id}/legal-aid", Set.of(Role.UNION_STAFF), Subject.CASE, List.of(
            select("lawyerId", false),
            select("basis", true, "HARDSHIP", "MIGRANT_WORKER_WAGE_CLAIM", "UNION_MEMBER"),
            date("decidedOn", false),
            text("overLimitReason", false))),
    SESSION("session", "/api/cases/{id}/mediation-sessions", Set.of(Role.LAWYER), Subject.CASE, List.of(
            generatedId("sessionId"),
            date("heldOn", true),
            textarea("summary"))),
    EXTENSION("extension", "/api/cases/{id}/mediation-extension", Set.of(Role.LAWYER), Subject.CASE, List.of(
            date("newDeadline", true),
            date("consentRecordedOn", true))),
    AGREEMENT("agreement", "/api/cases/{id}/agreement", Set.of(Role.LAWYER), Subject.CASE, List.of(
            yuan("agreedFen"),
            date("effectiveOn", true),
            rows("instalments", 4, date("dueOn", true), yuan("amountFen")))),
    PAYMENT("payment", "/api/cases/{id}/payments", Set.of(Role.LAWYER), Subject.CASE, List.of(
            generatedId("paymentId"),
            yuan("amountFen"),
            date("paidOn", true),
            select("source", true, "EMPLOYER_VOLUNTARY", "INSTALMENT", "COURT_ENFORCEMENT", "PLATFORM",
                    "WAGE_FUND_ADVANCE"))),
    MEDIATION_FAILURE("failure", "/api/cases/{id}/mediation-failure", Set.of(Role.LAWYER), Subject.CASE, List.of(
            textarea("reason"),
            date("failedOn", true))),
    AWARD("award", "/api/cases/{id}/award", Set.of(Role.LAWYER), Subject.CASE, List.of(
            select("kind", true, "ARBITRATION_AWARD", "JUDGMENT", "CONFIRMED_AGREEMENT"),
            yuan("enforceableFen"),
            date("decidedOn", true),
            text("reference", true))),
    JUDICIAL_CONFIRMATION("confirmation", "/api/cases/{id}/judicial-confirmation", Set.of(Role.COURT_LIAISON),
            Subject.CASE, List.of(
            text("court", true),
            text("rulingNumber", true),
            date("appliedOn", true),
            date("confirmedOn", true))),
    ENFORCEMENT_TERMINATION("termination", "/api/cases/{id}/enforcement-termination",
            Set.of(Role.COURT_LIAISON, Role.LAWYER), Subject.CASE, List.of(
            text("court", true),
            text("rulingNumber", true),
            date("terminatedOn", true))),
    RELIEF_APPLICATION("relief", "/api/cases/{id}/relief-application", Set.of(Role.LAWYER), Subject.CASE, List.of(
            select("fundId", true),
            yuan("requestedFen"),
            textarea("hardship"))),
    CLOSURE("closure", "/api/cases/{id}/closure", Set.of(Role.LAWYER, Role.UNION_STAFF), Subject.CASE, List.of(
            select("outcome", true, "RECOVERED_IN_FULL", "RECOVERED_IN_PART", "RELIEF_PAID", "WITHDRAWN",
                    "RETURNED_TO_COURT", "TRANSFERRED_TO_ARBITRATION"),
            date("closedOn", true))),
    REGISTER_LAWYER("lawyer", "/api/lawyers", Set.of(Role.UNION_STAFF), Subject.NONE, List.of(
            text("lawyerId", true),
            text("name", true),
            wholeNumber("maxActiveCases"))),
    RELIEF_FUND("fund", "/api/relief-funds", Set.of(Role.UNION_STAFF), Subject.NONE, List.of(
            generatedId("fundId"),
            text("name", true),
            yuan("perWorkerCapFen"))),
    CONTRIBUTION("contribution", "/api/relief-funds/{id}/contributions", Set.of(Role.UNION_STAFF), Subject.FUND, List.of(
            generatedId("contributionId"),
            text("contributor", true),
            yuan("amountFen"),
            date("receivedOn", true)));

    /** What the {@code {id}} of the path names. */
    public enum Subject { NONE, CASE, FUND }

    private final String slug;
    private final String path;
    private final Set<Role> roles;
    private final Subject subject;
    private final List<FormField> fields;

    CommandForm(String slug, String path, Set<Role> roles, Subject subject, List<FormField> fields) {
        this.slug = slug;
        this.path = path;
        this.roles = roles;
        this.subject = subject;
        this.fields = fields;
    }

    /** The worker and the dispute, asked once (DOMAIN.md: nobody asks the worker twice). */
    private static List<FormField> withIntake(List<FormField> before, List<FormField> after) {
        List<FormField> all = new ArrayList<>(before);
        all.add(text("claimant.name", true));
        all.add(text("claimant.idNumber", true));
        all.add(text("claimant.phone", true));
        all.add(select("claimant.employmentForm", true, "LABOR_CONTRACT", "LABOR_DISPATCH", "OUTSOURCING",
                "PLATFORM_COOPERATION", "NONE_WRITTEN"));
        all.add(rows("respondents", 2, text("name", true), text("creditCode", false)));
        all.add(select("category", true, "UNPAID_WAGES", "OVERTIME_PAY", "ECONOMIC_COMPENSATION", "SOCIAL_INSURANCE",
                "WORK_INJURY", "OTHER"));
        all.add(yuan("claimedFen"));
        all.add(text("district", true));
        all.add(textarea("facts"));
        all.addAll(after);
        return List.copyOf(all);
    }

    public static Optional<CommandForm> bySlug(String slug) {
        for (CommandForm form : values()) {
            if (form.slug.equals(slug)) {
                return Optional.of(form);
            }
        }
        return Optional.empty();
    }

    /** The forms a role may send about a case, in the order of the process. */
    public static List<CommandForm> caseFormsFor(Role role) {
        return java.util.Arrays.stream(values())
                .filter(f -> f.subject == Subject.CASE && f.roles.contains(role))
                .toList();
    }

    public String slug() {
        return slug;
    }

    public Subject subject() {
        return subject;
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    public List<FormField> fields() {
        return fields;
    }

    /** Whether the form has an input named {@code name} ({@code claimedFen}, {@code instalments[2].dueOn}). */
    public boolean hasInput(String name) {
        for (FormField field : fields) {
            if (field.kind() == FormField.Kind.ROWS) {
                String prefix = field.name() + "[";
                int close = name.indexOf("].");
                if (name.startsWith(prefix) && close > prefix.length()
                        && name.substring(prefix.length(), close).chars().allMatch(Character::isDigit)
                        && field.columns().stream().anyMatch(c -> c.name().equals(name.substring(close + 2)))) {
                    return true;
                }
            } else if (field.kind() != FormField.Kind.GENERATED_ID && field.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The API path for the case or fund {@code id} (unused when the form has no subject). */
    public String path(String id) {
        return path.replace("{id}", id == null ? "" : id);
    }
}

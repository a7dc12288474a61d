package org.mediationledger.console;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Checks a user's credentials against the query side and learns their role from which reads the
 * services' door lets them make (docs/access.md): only an auditor may list rebuilds; union staff and
 * auditors the relief funds; court liaison officers (with staff and auditors) the courts' caseload;
 * lawyers (with staff and auditors) the lawyers' caseload. Nothing is guessed from the user's name.
 */
@Component
public class SignIn {

    /** Why signing in failed. */
    public enum Refusal { WRONG_CREDENTIALS, UNKNOWN_ROLE }

    /** Either a user or the reason there is none. */
    public record Outcome(Optional<SignedInUser> user, Refusal refusal) {
    }

    private final ApiClient api;

    public SignIn(ApiClient api) {
        this.api = api;
    }

    /** @throws ApiClient.Unreachable when the query side does not answer */
    public Outcome attempt(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return refused(Refusal.WRONG_CREDENTIALS);
        }
        Credentials credentials = new Credentials(username.trim(), password);
        ApiClient.Answer probe = api.query(credentials, "/api/cases", Map.of("size", "1"));
        if (probe.status() == 401) {
            return refused(Refusal.WRONG_CREDENTIALS);
        }
        if (!probe.ok()) {
            return refused(Refusal.UNKNOWN_ROLE);
        }
        return role(credentials)
                .map(role -> new Outcome(Optional.of(new SignedInUser(credentials, role)), null))
                .orElseGet(() -> refused(Refusal.UNKNOWN_ROLE));
    }

    /**
     * The role, from which reads the query side allows (API.md, docs/access.md): rebuilds only
     * auditors; the courts' caseload staff, auditors and courts; the lawyers' caseload staff,
     * auditors and lawyers.
     */
    Optional<Role> role(Credentials credentials) {
        if (allowed(credentials, "/api/audit/rebuilds")) {
            return Optional.of(Role.AUDITOR);
        }
        boolean courts = allowed(credentials, "/api/caseload/courts");
        boolean lawyers = allowed(credentials, "/api/caseload");
        if (courts && lawyers) {
            return Optional.of(Role.UNION_STAFF);
        }
        if (courts) {
            return Optional.of(Role.COURT_LIAISON);
        }
        return lawyers ? Optional.of(Role.LAWYER) : Optional.empty();
    }

    private boolean allowed(Credentials credentials, String path) {
        return api.query(credentials, path).ok();
    }

    private static Outcome refused(Refusal refusal) {
        return new Outcome(Optional.empty(), refusal);
    }
}

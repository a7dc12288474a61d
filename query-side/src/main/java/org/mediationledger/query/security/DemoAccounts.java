package org.mediationledger.query.security;

import org.mediationledger.query.config.DemoAccountSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded default's accounts (API.md, "Authentication"): {@code staff}, {@code lawyer1} ...
 * {@code lawyerN}, {@code court1}, {@code court2} and {@code auditor}, all with one password.
 * Each lawyer account is bound to the lawyer id of the same name, each court account to the court code.
 */
public final class DemoAccounts {

    private DemoAccounts() {
    }

    public static List<UserDetails> of(DemoAccountSettings settings, PasswordEncoder encoder) {
        if (!settings.enabled()) {
            return List.of();
        }
        // one hash for all: they share the password, and 25 BCrypt hashes would slow the start
        String hash = encoder.encode(settings.password());
        List<UserDetails> accounts = new ArrayList<>();
        accounts.add(account("staff", hash, Roles.UNION_STAFF));
        for (int n = 1; n <= settings.lawyers(); n++) {
            accounts.add(account("lawyer" + n, hash, Roles.LAWYER));
        }
        accounts.add(account("court1", hash, Roles.COURT_LIAISON));
        accounts.add(account("court2", hash, Roles.COURT_LIAISON));
        accounts.add(account("auditor", hash, Roles.AUDITOR));
        return accounts;
    }

    private static UserDetails account(String username, String hash, Roles role) {
        return User.withUsername(username).password(hash).roles(role.name()).build();
    }
}

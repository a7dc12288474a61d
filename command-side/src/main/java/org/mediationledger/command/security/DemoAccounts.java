package org.mediationledger.command.security;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded default's demo accounts (API.md, "Authentication"): staff, lawyer1..lawyer20,
 * court1, court2 and auditor, all with one password. Outside the embedded default there are none.
 */
public final class DemoAccounts {

    public static final int DEMO_LAWYERS = 20;

    private DemoAccounts() {
    }

    public static Map<String, Account> withPassword(String password) {
        // one hash for all: they share the password, and hashing twenty times would only slow the start
        String hash = new BCryptPasswordEncoder().encode(password);
        Map<String, Account> accounts = new LinkedHashMap<>();
        accounts.put("staff", new Account("staff", hash, Role.UNION_STAFF, null));
        for (int i = 1; i <= DEMO_LAWYERS; i++) {
            accounts.put("lawyer" + i, new Account("lawyer" + i, hash, Role.LAWYER, "lawyer" + i));
        }
        accounts.put("court1", new Account("court1", hash, Role.COURT_LIAISON, "court1"));
        accounts.put("court2", new Account("court2", hash, Role.COURT_LIAISON, "court2"));
        accounts.put("auditor", new Account("auditor", hash, Role.AUDITOR, null));
        return Map.copyOf(accounts);
    }
}

package org.mediationledger.query.security;

import org.springframework.security.core.Authentication;

/**
 * Who is reading, and what their reads are bounded by: a lawyer reads the cases they are or were
 * responsible for, a court liaison officer their own court's referrals (DOMAIN.md, roles).
 *
 * @param boundTo the lawyer id or court code; demo accounts are bound to the id of the same name,
 *                bearer tokens name it in a claim
 */
public record Reader(String name, Roles role, String boundTo) {

    public static Reader of(Authentication authentication) {
        Roles role = authentication.getAuthorities().stream()
                .map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> Roles.valueOf(a.substring("ROLE_".length())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("a signed-in user without a role"));
        String boundTo = authentication.getPrincipal() instanceof BoundPrincipal bound ? bound.boundTo() : authentication.getName();
        return new Reader(authentication.getName(), role, role == Roles.LAWYER || role == Roles.COURT_LIAISON ? boundTo : null);
    }

    /** Union staff and auditors read every case. */
    public boolean readsEverything() {
        return role == Roles.UNION_STAFF || role == Roles.AUDITOR;
    }

    public boolean isLawyer() {
        return role == Roles.LAWYER;
    }

    public boolean isCourtLiaison() {
        return role == Roles.COURT_LIAISON;
    }

    /** A principal that says what its user is bound to (bearer tokens). */
    public interface BoundPrincipal {
        String boundTo();
    }
}

package org.mediationledger.command.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting: recorded on every event they cause. */
public record Actor(String id, Role role, String boundTo) {

    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Actor actor)) {
            throw new IllegalStateException("no authenticated actor");
        }
        return actor;
    }

    @Override
    public String toString() {
        return id;
    }
}

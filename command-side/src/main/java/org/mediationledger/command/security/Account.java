package org.mediationledger.command.security;

/**
 * A user who may sign in: their role, and for a lawyer or court liaison officer what they are bound to
 * (the lawyer id, the court code).
 *
 * @param passwordHash BCrypt hash of the password
 */
public record Account(String username, String passwordHash, Role role, String boundTo) {

    @Override
    public String toString() {
        return "Account[" + username + ", " + role + "]";
    }
}

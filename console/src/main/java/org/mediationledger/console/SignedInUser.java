package org.mediationledger.console;

import java.io.Serializable;

/** Who is signed in, kept in the HTTP session under {@link #SESSION_KEY}. */
public record SignedInUser(Credentials credentials, Role role) implements Serializable {

    public static final String SESSION_KEY = "ml.console.user";

    public String username() {
        return credentials.username();
    }

    @Override
    public String toString() {
        return "SignedInUser[" + credentials.username() + ", " + role + "]";
    }
}

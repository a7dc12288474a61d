package org.mediationledger.console;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user's name and password, kept only in their server-side session and sent only as HTTP Basic to
 * the two services. {@link #toString()} never shows the password.
 */
public record Credentials(String username, String password) implements Serializable {

    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}

package org.mediationledger.console;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the two services answer (ML_COMMAND_URL, ML_QUERY_URL) and how long a call may take.
 */
@ConfigurationProperties("ml.console")
public record ConsoleProperties(URI commandUrl, URI queryUrl, Duration callTimeout) {

    public ConsoleProperties {
        if (callTimeout == null) {
            callTimeout = Duration.ofSeconds(15);
        }
    }
}

package org.mediationledger.infra.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one service process and how to tell that it is up.
 *
 * @param name        short name, used as the console prefix and the log file name
 * @param command     the full command line
 * @param environment variables added to the launcher's own environment
 * @param logFile     where the process's stdout and stderr go
 * @param healthUri   answers 200 once the service is ready
 */
public record ServiceSpec(String name, List<String> command, Map<String, String> environment,
                          Path logFile, URI healthUri) {

    public ServiceSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}

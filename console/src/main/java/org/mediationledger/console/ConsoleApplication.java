package org.mediationledger.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console: pages for union staff, lawyers, court liaison officers and auditors, rendered
 * server-side from the command side's and the query side's HTTP APIs, called with the signed-in
 * user's own credentials. It shares no code with the services.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}

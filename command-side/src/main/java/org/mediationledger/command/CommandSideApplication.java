package org.mediationledger.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The write side: REST edge, aggregates, the event store in PostgreSQL and the relay to Kafka. */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        // Axon's update checker calls home at start; this machine, and most deployments, must not.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandSideApplication.class, args);
    }
}

package org.mediationledger.command.web;

import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** {@code @PastOrPresent} compares business dates with today in Asia/Shanghai, not the JVM's zone. */
@Configuration
public class ValidationClock {

    @Bean
    public ValidationConfigurationCustomizer businessDayClock(Clock businessClock) {
        return configuration -> configuration.clockProvider(() -> businessClock);
    }
}

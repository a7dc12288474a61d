package org.mediationledger.command.deadline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.ZoneId;

/**
 * Replaces the command side's business clock with a {@link MutableClock}: web validation ("no future
 * dates") and the deadline scheduler then both read the time the test moves. Only where a test imports
 * it: a {@code @TestConfiguration} is left out of component scanning.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfig {

    @Bean
    @Primary
    public MutableClock mutableClock(@Value("${ml.business-zone}") String zone) {
        return new MutableClock(ZoneId.of(zone));
    }
}

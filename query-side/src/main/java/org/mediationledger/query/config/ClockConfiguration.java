package org.mediationledger.query.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The clock views read "today" from; a bean so that tests can fix the day. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock clock(ViewSettings settings) {
        return Clock.system(settings.businessZone());
    }
}

package org.mediationledger.query.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Fixes "today" for deadline views: {@value #TODAY_TEXT} in Asia/Shanghai. */
@TestConfiguration(proxyBeanMethods = false)
public class FixedBusinessDay {

    public static final String TODAY_TEXT = "2025-06-10";
    public static final LocalDate TODAY = LocalDate.parse(TODAY_TEXT);

    @Bean
    @Primary
    Clock fixedClock() {
        // 07:00 in Shanghai is still the day before in UTC: a view that took "today" in UTC would be a day off
        return Clock.fixed(TODAY.atTime(7, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneOffset.UTC);
    }
}

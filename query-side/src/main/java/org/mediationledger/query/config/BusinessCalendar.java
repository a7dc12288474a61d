package org.mediationledger.query.config;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/** "Today" as a business date: the date in the business zone (Asia/Shanghai), whatever the server's zone. */
@Component
public class BusinessCalendar {

    private final Clock clock;
    private final ViewSettings settings;

    public BusinessCalendar(Clock clock, ViewSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.businessZone());
    }
}

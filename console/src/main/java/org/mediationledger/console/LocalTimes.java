package org.mediationledger.console;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Component;

/**
 * Instants (UTC in the API) shown in the business zone, Asia/Shanghai, as the people using the
 * console read a clock. Used in templates as {@code ${@localTime.of(text)}}.
 */
@Component("localTime")
public class LocalTimes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(HomeController.BUSINESS_ZONE);

    /** {@code 2026-12-02T04:00:00Z} is {@code 2026-12-02 12:00:00}; text that is not an instant as given. */
    public String of(String instant) {
        if (instant == null || instant.isBlank()) {
            return "";
        }
        try {
            return SHOWN.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}

package org.mediationledger.console;

import org.springframework.stereotype.Component;

/** {@link ShanghaiTime#shown} for templates: {@code ${@localTime.of(text)}}. */
@Component("localTime")
public class LocalTimes {

    /** {@code 2026-12-02T04:00:00Z} is {@code 2026-12-02 12:00:00}; text that is not an instant as given. */
    public String of(String instant) {
        return ShanghaiTime.shown(instant);
    }
}

package org.mediationledger.console;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Instants (the API speaks ISO-8601 UTC) as the auditor reads and types them: local date and time in
 * Asia/Shanghai, the business calendar of API.md, to the second.
 */
public final class ShanghaiTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The value format of {@code <input type="datetime-local" step="1">}. */
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ShanghaiTime() {
    }

    /**
     * The instant an auditor means by a local date and time typed to the second ({@code 2026-03-01T10:15:30},
     * or to the minute, {@code 2026-03-01T10:15}, as browsers send whole minutes): the end of that second.
     * The timeline shows events to the second, so "as of 10:15:30" includes an event shown at 10:15:30
     * even when it happened at 10:15:30.4. Empty when the text is not a local date and time.
     */
    public static Optional<Instant> endOfLocalSecond(String datetimeLocal) {
        if (datetimeLocal == null || datetimeLocal.isBlank()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.parse(datetimeLocal.trim()).truncatedTo(ChronoUnit.SECONDS);
            return Optional.of(local.atZone(ZONE).toInstant().plusSeconds(1).minusNanos(1));
        } catch (DateTimeException notALocalDateTime) {
            return Optional.empty();
        }
    }

    /** {@code 2026-03-01 10:15:30} for an ISO instant; the text as given when it is not one. */
    public static String shown(String isoInstant) {
        return parse(isoInstant).map(i -> SHOWN.format(i.atZone(ZONE))).orElse(isoInstant == null ? "" : isoInstant);
    }

    /** The value that puts an instant into a {@code datetime-local} input (to the second); empty if not an instant. */
    public static String inputValue(String isoInstant) {
        return parse(isoInstant).map(i -> INPUT.format(i.atZone(ZONE))).orElse("");
    }

    public static Optional<Instant> parse(String isoInstant) {
        if (isoInstant == null || isoInstant.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(isoInstant.trim()));
        } catch (DateTimeException notAnInstant) {
            return Optional.empty();
        }
    }
}

package org.mediationledger.query.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads optional query parameters, each failure naming the parameter and the rule it breaks, so a
 * client sees "parameter 'from' must be a date YYYY-MM-DD", never a conversion stack.
 */
public final class RequestParameters {

    private RequestParameters() {
    }

    /** A business date, or null when absent. */
    public static LocalDate date(String name, String raw) {
        if (isAbsent(raw)) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, "must be a date YYYY-MM-DD");
        }
    }

    /** An integer within [min, max], or the default when absent. */
    public static int integer(String name, String raw, int defaultValue, int min, int max) {
        if (isAbsent(raw)) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, "must be a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidParameter(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** A version of an aggregate (a whole number from 0), or null when absent. */
    public static Long version(String name, String raw) {
        if (isAbsent(raw)) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, "must be a whole number");
        }
        if (value < 0) {
            throw new InvalidParameter(name, "must be 0 or more");
        }
        return value;
    }

    /** true or false, or null when absent. */
    public static Boolean bool(String name, String raw) {
        if (isAbsent(raw)) {
            return null;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameter(name, "must be true or false");
        };
    }

    /** One of the enumeration's names, or null when absent. */
    public static <E extends Enum<E>> E oneOf(String name, String raw, Class<E> type) {
        if (isAbsent(raw)) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** The text, or null when absent or blank. */
    public static String text(String raw) {
        return isAbsent(raw) ? null : raw.trim();
    }

    private static boolean isAbsent(String raw) {
        return raw == null || raw.isBlank();
    }
}

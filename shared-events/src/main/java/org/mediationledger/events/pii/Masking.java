package org.mediationledger.events.pii;

/** How views show personal data to roles that may not see it whole (DOMAIN.md, "Personal data"). */
public final class Masking {

    /** Shown in place of personal data whose worker key was erased. */
    public static final String ERASED = "[erased]";

    private Masking() {
    }

    /** {@code 110105199001011234} becomes {@code 110***********1234}. */
    public static String idNumber(String idNumber) {
        return keepEnds(idNumber, 3, 4);
    }

    /** {@code 13812345678} becomes {@code 138****5678}. */
    public static String phone(String phone) {
        return keepEnds(phone, 3, 4);
    }

    private static String keepEnds(String value, int head, int tail) {
        if (value == null) {
            return null;
        }
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
    }
}

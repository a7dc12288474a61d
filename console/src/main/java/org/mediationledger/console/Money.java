package org.mediationledger.console;

import org.springframework.stereotype.Component;

/**
 * Fen as yuan with two decimals and thousands separators, in integer arithmetic only:
 * {@code 1250000} is {@code 12,500.00}. Used in templates as {@code ${@money.yuan(x)}}.
 */
@Component("money")
public class Money {

    static String format(long fen) {
        boolean negative = fen < 0;
        // work on the negative side so that Long.MIN_VALUE has a magnitude too
        long n = negative ? fen : -fen;
        long yuan = -(n / 100);
        long cents = -(n % 100);
        String whole = Long.toString(yuan);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + grouped + "." + (cents < 10 ? "0" : "") + cents;
    }

    /** For values that may be absent (an agreement not yet reached): empty then. */
    public String yuan(Long fen) {
        return fen == null ? "" : format(fen);
    }
}

package org.mediationledger.console.forms;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Yuan as typed ({@code 12500}, {@code 12,500.5}, {@code １２５００．００} from a Chinese input method)
 * to fen, in integer arithmetic only. More than two decimals is refused rather than rounded: a
 * ledger must not change an amount someone typed.
 */
public final class Yuan {

    /** Whole yuan plainly ({@code 12500}) or grouped by threes ({@code 12,500}), then at most two decimals. */
    private static final Pattern AMOUNT = Pattern.compile("(-?)(\\d{1,13}|\\d{1,3}(?:,\\d{3}){1,4})(?:\\.(\\d{1,2}))?");

    private Yuan() {
    }

    /**
     * The amount in fen, or empty when the text is not yuan with at most two decimals. A misplaced
     * separator ({@code 12,50}) is refused, not read as something else.
     */
    public static OptionalLong toFen(String typed) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        StringBuilder plain = new StringBuilder();
        for (char c : typed.strip().toCharArray()) {
            if (c >= '０' && c <= '９') {
                plain.append((char) ('0' + (c - '０')));
            } else {
                plain.append(switch (c) {
                    case '．', '。' -> '.';
                    case '－' -> '-';
                    case '，' -> ',';
                    default -> c;
                });
            }
        }
        String text = plain.toString();
        if (text.startsWith("¥") || text.startsWith("￥")) {
            text = text.substring(1).strip();
        }
        var match = AMOUNT.matcher(text);
        if (!match.matches()) {
            return OptionalLong.empty();
        }
        String whole = match.group(2).replace(",", "");
        if (whole.length() > 13) {
            return OptionalLong.empty();
        }
        String decimals = match.group(3) == null ? "" : match.group(3);
        long fen = Long.parseLong(whole) * 100
                + (decimals.isEmpty() ? 0 : Long.parseLong(decimals) * (decimals.length() == 1 ? 10 : 1));
        return OptionalLong.of(match.group(1).isEmpty() ? fen : -fen);
    }

    /** Fen as the form shows it back for editing: {@code 1250050} is {@code 12500.50} (no separators). */
    public static String forInput(long fen) {
        long abs = Math.abs(fen);
        return (fen < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }
}

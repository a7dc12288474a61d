package org.mediationledger.console.audit;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recovered-wages report by month as the geometry of a server-rendered SVG bar chart: per month a
 * bar of wages recovered and a bar of relief paid, a value axis in whole steps of 1, 2 or 5 times a
 * power of ten yuan. Integer arithmetic only (pixels from fen by long division): amounts are never
 * floating point, and a test reads each bar's fen back from the page exactly.
 *
 * @param topFen the value at the top of the axis, a whole number of {@code stepFen}
 */
public record MonthlyChart(int width, int height, int plotLeft, int plotTop, int plotWidth, int plotHeight,
                           long topFen, long stepFen, List<Bar> bars, List<Tick> ticks, List<MonthLabel> months,
                           String firstMonth, String lastMonth) {

    public static final String RECOVERED = "recovered";
    public static final String RELIEF_PAID = "reliefPaid";

    static final int WIDTH = 760;
    static final int HEIGHT = 300;
    static final int LEFT = 104;
    static final int RIGHT = 16;
    /** Room above the plot for the axis's unit. */
    static final int TOP = 32;
    static final int BOTTOM = 44;
    /** A bar no wider than this, so that a single month does not fill the chart with two slabs. */
    static final int MAX_BAR_WIDTH = 48;
    /** At most this many steps on the value axis, so its labels stay readable. */
    static final int MAX_STEPS = 5;
    /** A longer span is drawn with its rows only, not a bar pair for every month in between. */
    static final int MAX_FILLED_MONTHS = 120;
    /** At most this many month labels under the bars; with more months every n-th is labelled. */
    static final int MAX_MONTH_LABELS = 12;

    /** A bar: {@code fen} is the report's number as is, the rest is where it is drawn. */
    public record Bar(String month, String series, long fen, long x, long y, long width, long height) {
    }

    /** A line of the value axis at {@code fen}. */
    public record Tick(long fen, long y) {
    }

    /** A month's label, centred under its bars at {@code x}. */
    public record MonthLabel(String month, long x) {
    }

    /** The chart of the report's month rows, months without a row shown as empty; null when there are no rows. */
    public static MonthlyChart of(List<ReportRow> monthRows) {
        List<ReportRow> months = withEmptyMonths(monthRows);
        if (months.isEmpty()) {
            return null;
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        long largest = 0;
        for (ReportRow row : months) {
            largest = Math.max(largest, Math.max(row.recoveredFen(), row.reliefPaidFen()));
        }
        long step = step(largest);
        long top = Math.max(step, ceilToMultiple(largest, step));

        long groupWidth = plotWidth / months.size();
        // two bars fill three quarters of their month, up to a readable width
        long barWidth = Math.max(1, Math.min(MAX_BAR_WIDTH, groupWidth * 3 / 8));
        long labelEvery = (months.size() + MAX_MONTH_LABELS - 1) / MAX_MONTH_LABELS;
        List<Bar> bars = new ArrayList<>();
        List<MonthLabel> labels = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            ReportRow row = months.get(i);
            long groupLeft = LEFT + i * groupWidth;
            long firstBarLeft = groupLeft + (groupWidth - 2 * barWidth) / 2;
            bars.add(bar(row.key(), RECOVERED, row.recoveredFen(), firstBarLeft, barWidth, top, plotHeight));
            bars.add(bar(row.key(), RELIEF_PAID, row.reliefPaidFen(), firstBarLeft + barWidth, barWidth, top, plotHeight));
            if (i % labelEvery == 0) {
                labels.add(new MonthLabel(row.key(), groupLeft + groupWidth / 2));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (long fen = 0; fen <= top; fen += step) {
            ticks.add(new Tick(fen, TOP + plotHeight - scaled(fen, top, plotHeight)));
        }
        return new MonthlyChart(WIDTH, HEIGHT, LEFT, TOP, plotWidth, plotHeight, top, step, bars, ticks, labels,
                months.get(0).key(), months.get(months.size() - 1).key());
    }

    private static Bar bar(String month, String series, long fen, long left, long width, long top, int plotHeight) {
        long height = scaled(Math.max(0, fen), top, plotHeight);
        return new Bar(month, series, fen, left, TOP + plotHeight - height, width, height);
    }

    /** {@code fen} of {@code top} as pixels of {@code pixels}, rounded down; exact while fen stays below 10^16. */
    static long scaled(long fen, long top, long pixels) {
        return fen / top * pixels + fen % top * pixels / top;
    }

    /** The smallest of 1, 2, 5 times a power of ten yuan (at least one yuan) that covers {@code largest} in {@link #MAX_STEPS}. */
    static long step(long largestFen) {
        long power = 100; // one yuan
        while (true) {
            for (long multiple : new long[]{1, 2, 5}) {
                long step = multiple * power;
                if (step >= largestFen / MAX_STEPS + (largestFen % MAX_STEPS == 0 ? 0 : 1)) {
                    return step;
                }
            }
            if (power > Long.MAX_VALUE / 100) {
                return 5 * power;
            }
            power *= 10;
        }
    }

    private static long ceilToMultiple(long value, long step) {
        return (value + step - 1) / step * step;
    }

    /**
     * The rows in month order with a zero row for each month between them that has none, so the bars
     * stand on a continuous calendar. Rows whose key is not a month ({@code 2026-03}) are kept as given.
     */
    static List<ReportRow> withEmptyMonths(List<ReportRow> rows) {
        Map<YearMonth, ReportRow> byMonth = new LinkedHashMap<>();
        try {
            for (ReportRow row : rows) {
                byMonth.put(YearMonth.parse(row.key()), row);
            }
        } catch (DateTimeParseException | NullPointerException notMonths) {
            return rows;
        }
        if (byMonth.isEmpty()) {
            return List.of();
        }
        YearMonth first = byMonth.keySet().stream().min(YearMonth::compareTo).orElseThrow();
        YearMonth last = byMonth.keySet().stream().max(YearMonth::compareTo).orElseThrow();
        if (first.plusMonths(MAX_FILLED_MONTHS).isBefore(last)) {
            return byMonth.keySet().stream().sorted().map(byMonth::get).toList();
        }
        List<ReportRow> filled = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            ReportRow row = byMonth.get(month);
            filled.add(row != null ? row : new ReportRow(month.toString(), 0, 0, 0, 0, 0, 0, 0));
        }
        return filled;
    }
}

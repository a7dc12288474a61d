package org.mediationledger.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every answered command of a run, by the second it was answered in: commands per second and their latency
 * over time, drawn as a PNG beside the report (the issue asks for the plot, and a phase's p99 alone hides
 * when in the phase the slow answers came). Client threads record concurrently.
 */
final class Timeline {

    private static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int GAP = 50;

    /** One second of the run: answered commands, failed ones, and the answered ones' latency. */
    record Second(int second, int ok, int failed, double p50Ms, double p99Ms) {
    }

    /** Where a phase began, in seconds since the start. */
    record Marker(double atSecond, String label) {
    }

    private final long startNanos;
    private final List<long[]> answers = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    Timeline(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A command answered at {@code answeredNanos} ({@link System#nanoTime()}), {@code latencyNanos} after it was due. */
    synchronized void record(long answeredNanos, long latencyNanos, boolean ok) {
        answers.add(new long[]{answeredNanos - startNanos, latencyNanos / 1000, ok ? 1 : 0});
    }

    synchronized void mark(long atNanos, String label) {
        markers.add(new Marker((atNanos - startNanos) / 1e9, label));
    }

    synchronized List<Marker> markers() {
        return List.copyOf(markers);
    }

    /** Every second from the first answer to the last, empty ones included. */
    synchronized List<Second> seconds() {
        if (answers.isEmpty()) {
            return List.of();
        }
        int last = (int) (answers.stream().mapToLong(a -> a[0]).max().orElse(0) / 1_000_000_000L);
        int first = (int) (answers.stream().mapToLong(a -> a[0]).min().orElse(0) / 1_000_000_000L);
        long[][] latencies = new long[last - first + 1][];
        int[] ok = new int[last - first + 1];
        int[] failed = new int[last - first + 1];
        for (long[] answer : answers) {
            int i = (int) (answer[0] / 1_000_000_000L) - first;
            if (answer[2] == 1) {
                ok[i]++;
            } else {
                failed[i]++;
            }
        }
        for (int i = 0; i < ok.length; i++) {
            latencies[i] = new long[ok[i]];
        }
        int[] filled = new int[ok.length];
        for (long[] answer : answers) {
            if (answer[2] == 1) {
                int i = (int) (answer[0] / 1_000_000_000L) - first;
                latencies[i][filled[i]++] = answer[1];
            }
        }
        List<Second> seconds = new ArrayList<>(ok.length);
        for (int i = 0; i < ok.length; i++) {
            Arrays.sort(latencies[i]);
            seconds.add(new Second(first + i, ok[i], failed[i], nearestRank(latencies[i], 50), nearestRank(latencies[i], 99)));
        }
        return seconds;
    }

    private static double nearestRank(long[] sortedMicros, double percentile) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedMicros.length);
        return sortedMicros[Math.max(1, rank) - 1] / 1000.0;
    }

    /** Commands per second above, p50 and p99 latency per second below (capped at the run's 99th per-second p99). */
    void writePng(Path file, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Second> seconds = seconds();
        List<Marker> phases = markers();
        BufferedImage image = new BufferedImage(WIDTH, TOP + 2 * PANEL_HEIGHT + GAP + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, 22);
            int span = seconds.isEmpty() ? 1 : Math.max(1, seconds.get(seconds.size() - 1).second() + 1);
            double rateMax = niceCeiling(seconds.stream().mapToInt(s -> s.ok() + s.failed()).max().orElse(1));
            double[] p99s = seconds.stream().mapToDouble(Second::p99Ms).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double latencyMax = niceCeiling(p99s.length == 0 ? 1 : p99s[Math.max(0, (int) Math.ceil(0.99 * p99s.length) - 1)]);
            int rateTop = TOP;
            int latencyTop = TOP + PANEL_HEIGHT + GAP;
            panel(g, rateTop, span, rateMax, "commands/s (answered)", phases);
            panel(g, latencyTop, span, latencyMax, "latency, ms (p50 grey, p99 red)", phases);
            for (Second s : seconds) {
                int x0 = x(s.second(), span);
                int x1 = Math.max(x0 + 1, x(s.second() + 1, span) - 1);
                int h = (int) Math.round(PANEL_HEIGHT * Math.min(1, s.ok() / rateMax));
                g.setColor(new Color(70, 110, 180));
                g.fillRect(x0, rateTop + PANEL_HEIGHT - h, x1 - x0, h);
                if (s.failed() > 0) {
                    int f = (int) Math.round(PANEL_HEIGHT * Math.min(1, s.failed() / rateMax));
                    g.setColor(Color.RED);
                    g.fillRect(x0, rateTop + PANEL_HEIGHT - h - f, x1 - x0, f);
                }
            }
            line(g, seconds, span, latencyTop, latencyMax, true, Color.GRAY);
            line(g, seconds, span, latencyTop, latencyMax, false, Color.RED);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("seconds since the peak phase began", WIDTH / 2 - 100, latencyTop + PANEL_HEIGHT + 35);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    private static void panel(Graphics2D g, int top, int span, double max, String label, List<Marker> phases) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(label, LEFT, top - 6);
        g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, PANEL_HEIGHT);
        for (int i = 0; i <= 4; i++) {
            int y = top + PANEL_HEIGHT - i * PANEL_HEIGHT / 4;
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT + 1, y, WIDTH - RIGHT - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%,.0f", max * i / 4), 8, y + 4);
        }
        int step = span <= 60 ? 10 : span <= 300 ? 30 : 60;
        for (int s = 0; s <= span; s += step) {
            g.drawString(Integer.toString(s), x(s, span) - 6, top + PANEL_HEIGHT + 14);
        }
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{4, 4}, 0));
        for (int i = 0; i < phases.size(); i++) {
            Marker phase = phases.get(i);
            int x = x(phase.atSecond(), span);
            g.setColor(new Color(40, 140, 60));
            g.drawLine(x, top, x, top + PANEL_HEIGHT);
            g.drawString(phase.label(), x + 3, top + 14 + (i % 2) * 14); // staggered: phases can begin seconds apart
        }
        g.setStroke(new BasicStroke(1));
    }

    private static void line(Graphics2D g, List<Second> seconds, int span, int top, double max, boolean median, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(median ? 1 : 2));
        int lastX = -1;
        int lastY = -1;
        for (Second s : seconds) {
            double v = median ? s.p50Ms() : s.p99Ms();
            if (Double.isNaN(v)) {
                lastX = -1;
                continue;
            }
            int x = (x(s.second(), span) + x(s.second() + 1, span)) / 2;
            int y = top + PANEL_HEIGHT - (int) Math.round(PANEL_HEIGHT * Math.min(1, v / max));
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, x, y);
            }
            lastX = x;
            lastY = y;
        }
        g.setStroke(new BasicStroke(1));
    }

    private static int x(double second, int span) {
        return LEFT + (int) Math.round((WIDTH - LEFT - RIGHT) * second / span);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0 || Double.isNaN(value)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}

package org.mediationledger.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private static final long START = 1_000_000_000_000L;

    private static long at(double seconds) {
        return START + (long) (seconds * 1e9);
    }

    @Test
    void countsAndTimesEachSecond_keepingAnEmptySecondAndTheFailedApart() {
        Timeline timeline = new Timeline(START);
        for (int i = 1; i <= 100; i++) {
            timeline.record(at(0.005 * i), TimeUnit.MILLISECONDS.toNanos(i), true); // second 0: 1..100 ms
        }
        timeline.record(at(2.5), TimeUnit.MILLISECONDS.toNanos(7), true);        // second 2 (second 1 empty)
        timeline.record(at(2.6), TimeUnit.MILLISECONDS.toNanos(900), false);     // failed: counted, not timed

        List<Timeline.Second> seconds = timeline.seconds();

        assertThat(seconds).extracting(Timeline.Second::second).containsExactly(0, 1, 2);
        assertThat(seconds.get(0).ok()).isEqualTo(100);
        assertThat(seconds.get(0).p50Ms()).isEqualTo(50.0);
        assertThat(seconds.get(0).p99Ms()).isEqualTo(99.0);
        assertThat(seconds.get(1).ok()).isZero();
        assertThat(seconds.get(1).p99Ms()).isNaN();
        assertThat(seconds.get(2).ok()).isEqualTo(1);
        assertThat(seconds.get(2).failed()).isEqualTo(1);
        assertThat(seconds.get(2).p99Ms()).isEqualTo(7.0);
    }

    @Test
    void drawsAPngWithBarsAndPhaseMarkers(@TempDir Path dir) throws IOException {
        Timeline timeline = new Timeline(START);
        timeline.mark(at(0), "peak");
        timeline.mark(at(30), "half rate");
        for (int second = 0; second < 60; second++) {
            int perSecond = second < 30 ? 200 : 100;
            for (int i = 0; i < perSecond; i++) {
                timeline.record(at(second + i / (double) perSecond), TimeUnit.MILLISECONDS.toNanos(10 + i % 40), true);
            }
        }
        Path png = dir.resolve("run.png");

        timeline.writePng(png, "a test run");

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isGreaterThan(500);
        int coloured = 0;
        for (int x = 0; x < image.getWidth(); x += 4) {
            for (int y = 0; y < image.getHeight(); y += 4) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int b = rgb & 0xFF;
                if (b > r + 60) {
                    coloured++; // the blue of the bars
                }
            }
        }
        assertThat(coloured).as("bars drawn").isGreaterThan(500);
        assertThat(timeline.markers()).extracting(Timeline.Marker::label).containsExactly("peak", "half rate");
    }

    @Test
    void plotGoesBesideTheReport_andRoundsScalesUp() {
        assertThat(CommandThroughput.plotOf("docs/benchmarks/run.md")).isEqualTo(Path.of("docs/benchmarks/run.png"));
        assertThat(CommandThroughput.plotOf("")).isNull();
        assertThat(Timeline.niceCeiling(437)).isEqualTo(500);
        assertThat(Timeline.niceCeiling(1_001)).isEqualTo(2_000);
        assertThat(Timeline.niceCeiling(0)).isEqualTo(1);
    }
}

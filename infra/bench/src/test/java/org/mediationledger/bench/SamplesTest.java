package org.mediationledger.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arithmetic of the reported figures; the figures themselves are never asserted (docs/decisions/0008-benchmarks.md). */
class SamplesTest {

    @Test
    void percentilesAreByNearestRank() {
        long[] micros = new long[60];
        for (int i = 0; i < 50; i++) {
            micros[i] = (50 - i) * 1000L; // 50 ms .. 1 ms, unsorted; the 10 slots after count are not samples
        }
        Samples s = Samples.ofMicros(micros, 50);
        assertThat(s.count()).isEqualTo(50);
        assertThat(s.minMs()).isEqualTo(1.0);
        assertThat(s.maxMs()).isEqualTo(50.0);
        assertThat(s.percentileMs(95)).isEqualTo(48.0); // rank ceil(47.5) = 48
        assertThat(s.percentileMs(99)).isEqualTo(50.0); // rank ceil(49.5) = 50: of 50 samples, the slowest
        assertThat(s.percentileMs(100)).isEqualTo(50.0);
        assertThat(s.percentileMs(0)).isEqualTo(1.0);
        assertThat(s.percentileMs(2)).isEqualTo(1.0);  // rank 1
        assertThat(s.percentileMs(50)).isEqualTo(25.0); // rank 25
        assertThat(s.medianMs()).isEqualTo(25.5);       // the mean of the two middle ones
    }

    @Test
    void oddCountsSingleSamplesAndNone() {
        assertThat(Samples.ofMicros(new long[]{3000, 1000, 2500}, 3).medianMs()).isEqualTo(2.5);
        Samples one = Samples.ofMicros(new long[]{1234}, 1);
        assertThat(one.percentileMs(99)).isEqualTo(1.234);
        assertThat(one.medianMs()).isEqualTo(1.234);
        Samples none = Samples.ofMicros(new long[0], 0);
        assertThat(none.percentileMs(99)).isNaN();
        assertThat(none.medianMs()).isNaN();
        assertThat(none.maxMs()).isNaN();
        assertThatThrownBy(() -> one.percentileMs(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void underCountsStrictlyFasterAnswers() {
        Samples s = Samples.ofMicros(new long[]{99_999, 100_000, 100_001, 5_000}, 4);
        assertThat(s.under(100)).isEqualTo(2);
    }
}

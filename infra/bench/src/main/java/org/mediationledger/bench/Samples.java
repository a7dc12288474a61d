package org.mediationledger.bench;

import java.util.Arrays;

/**
 * A small set of timings (microseconds), kept whole: with 50 requests a histogram's buckets would only blur
 * them. Percentiles are by nearest rank (the smallest value with at least p % of the samples at or below
 * it, so p99 of 50 samples is the largest); the median is the middle value, or the mean of the two middle
 * ones.
 */
final class Samples {

    private final long[] sorted;

    private Samples(long[] sorted) {
        this.sorted = sorted;
    }

    static Samples ofMicros(long[] micros, int count) {
        long[] copy = Arrays.copyOf(micros, count);
        Arrays.sort(copy);
        return new Samples(copy);
    }

    int count() {
        return sorted.length;
    }

    /** Nearest rank, in milliseconds; NaN without samples. */
    double percentileMs(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("a percentile lies in 0..100, not " + percentile);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1] / 1000.0;
    }

    double medianMs() {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] / 1000.0 : (sorted[n / 2 - 1] + sorted[n / 2]) / 2000.0;
    }

    double minMs() {
        return sorted.length == 0 ? Double.NaN : sorted[0] / 1000.0;
    }

    double maxMs() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0;
    }

    /** How many samples took less than {@code ms} milliseconds. */
    int under(double ms) {
        int n = 0;
        for (long v : sorted) {
            if (v < ms * 1000) {
                n++;
            }
        }
        return n;
    }
}

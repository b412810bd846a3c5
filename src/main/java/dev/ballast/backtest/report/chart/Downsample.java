package dev.ballast.backtest.report.chart;

import java.util.Arrays;

/**
 * Picks which points of a long series to draw: more points than pixels only make files bigger. Peaks are kept
 * (the largest value of each bucket) so a drift spike never disappears from a chart.
 */
final class Downsample {
    static final int MAX_POINTS = 600;

    private Downsample() {
    }

    /** Indices of every k-th point, always including the first and last. */
    static int[] stride(int n, int max) {
        if (n <= max) {
            return identity(n);
        }
        int[] out = new int[max];
        for (int i = 0; i < max; i++) {
            out[i] = (int) Math.round(i * (n - 1) / (double) (max - 1));
        }
        return out;
    }

    /** Index of the largest value in each of {@code max} buckets, plus the first and last points. */
    static int[] peaks(double[] v, int max) {
        if (v.length <= max) {
            return identity(v.length);
        }
        int buckets = max - 2;
        int[] out = new int[max];
        out[0] = 0;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * (v.length - 2) / buckets);
            int to = 1 + (int) ((long) (b + 1) * (v.length - 2) / buckets);
            int best = from;
            for (int i = from; i < to; i++) {
                if (v[i] > v[best]) {
                    best = i;
                }
            }
            out[b + 1] = best;
        }
        out[max - 1] = v.length - 1;
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        Arrays.setAll(out, i -> i);
        return out;
    }
}

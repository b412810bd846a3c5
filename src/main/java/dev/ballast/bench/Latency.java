package dev.ballast.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a set of durations in milliseconds (statistics: doubles are fine here). */
record Latency(int count, double p50, double p99, double max) {
    static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN);

    static Latency of(List<Double> millis) {
        if (millis.isEmpty()) return NONE;
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Latency(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code q} of the values at or below it. */
    static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String format() {
        if (count == 0) return "n/a";
        return String.format("p50 %s  p99 %s  max %s  (n=%d)", ms(p50), ms(p99), ms(max), count);
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) return "n/a";
        return millis >= 1000 ? String.format("%.2f s", millis / 1000) : String.format("%.1f ms", millis);
    }
}

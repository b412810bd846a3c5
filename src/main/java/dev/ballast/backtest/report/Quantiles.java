package dev.ballast.backtest.report;

/** Summary statistics of a sample, for box plots and tables. */
public record Quantiles(int count, double min, double p5, double q1, double median, double q3, double p95, double max,
                        double mean) {

    /** Of the finite values in {@code samples}; all NaN when there are none. */
    public static Quantiles of(Distribution d) {
        double[] s = d.sorted();
        if (s.length == 0) {
            double n = Double.NaN;
            return new Quantiles(0, n, n, n, n, n, n, n, n);
        }
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return new Quantiles(s.length, s[0], at(s, 0.05), at(s, 0.25), at(s, 0.5), at(s, 0.75), at(s, 0.95),
                s[s.length - 1], sum / s.length);
    }

    /** Linear interpolation between closest ranks (R's default, type 7). */
    static double at(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public double iqr() {
        return q3 - q1;
    }
}

package dev.ballast.backtest;

/** The statistics behind {@link Measures}, on plain arrays. Sample standard deviations divide by {@code n − 1}. */
public final class Statistics {
    private Statistics() {}

    /** {@code r[k] = series[k+1] / series[k] − 1}, one fewer than the series. */
    public static double[] periodReturns(double[] series) {
        double[] r = new double[Math.max(0, series.length - 1)];
        for (int k = 0; k < r.length; k++) r[k] = series[k + 1] / series[k] - 1;
        return r;
    }

    public static double mean(double[] x) {
        if (x.length == 0) return Double.NaN;
        double sum = 0;
        for (double v : x) sum += v;
        return sum / x.length;
    }

    /** Sample standard deviation (divides by {@code n − 1}); NaN for fewer than two values. */
    public static double stdDev(double[] x) {
        if (x.length < 2) return Double.NaN;
        double m = mean(x);
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (x.length - 1));
    }

    /** Largest fall from a running peak, as a fraction of the peak (0 for a series that never falls). */
    public static double maxDrawdown(double[] series) {
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (double v : series) {
            peak = Math.max(peak, v);
            worst = Math.max(worst, 1 - v / peak);
        }
        return worst;
    }

    /** Years between the first and last timestamp (365.25-day years). */
    public static double years(long[] timestamps) {
        return (timestamps[timestamps.length - 1] - timestamps[0]) / (double) Measures.SECONDS_PER_YEAR;
    }

    /** Observed periods per year: {@code (n − 1) / years}. */
    public static double periodsPerYear(long[] timestamps) {
        return (timestamps.length - 1) / years(timestamps);
    }

    /** Annualised standard deviation of {@code a[k] − b[k]}. */
    public static double trackingError(double[] a, double[] b, double periodsPerYear) {
        double[] diff = new double[a.length];
        for (int k = 0; k < a.length; k++) diff[k] = a[k] - b[k];
        return stdDev(diff) * Math.sqrt(periodsPerYear);
    }

    /** Annualised (mean periodic return × periods per year − risk-free rate) / annualised volatility. */
    public static double sharpe(double[] returns, double periodsPerYear, double riskFreeRate) {
        double vol = stdDev(returns) * Math.sqrt(periodsPerYear);
        return (mean(returns) * periodsPerYear - riskFreeRate) / vol;
    }

    /** Compound annual growth: {@code (end / start)^(1 / years) − 1}. */
    public static double annualizedReturn(double start, double end, double years) {
        return Math.pow(end / start, 1 / years) - 1;
    }
}

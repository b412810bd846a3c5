package dev.ballast.backtest.report;

/**
 * Trailing-window figures for the rolling charts, on per-bar simple returns like {@link dev.ballast.backtest.Measures}:
 * Sharpe without a risk-free rate, and tracking error against a reference path, both annualised. Bars before the
 * first full window are NaN (not drawn).
 */
public final class Rolling {
    private Rolling() {}

    /** The window for a path: a year of bars, or a quarter of the path when it is shorter than two years. */
    public static int window(int bars, double perYear) {
        int year = (int) Math.round(perYear);
        return Math.max(2, year * 2 <= bars ? year : bars / 4);
    }

    /** {@code mean / stdev × √perYear} of the last {@code window} per-bar returns. */
    public static double[] sharpe(double[] nav, int window, double perYear) {
        return rolling(returns(nav, null), window, perYear, true);
    }

    /** Annualised stdev of the last {@code window} differences between the path's and the reference's returns. */
    public static double[] trackingError(double[] nav, double[] reference, int window, double perYear) {
        return rolling(returns(nav, reference), window, perYear, false);
    }

    /** {@code r[t]} for t ≥ 1 (r[0] unused): the bar's return, less the reference's when one is given. */
    private static double[] returns(double[] nav, double[] reference) {
        double[] r = new double[nav.length];
        for (int t = 1; t < nav.length; t++) {
            r[t] = nav[t] / nav[t - 1] - 1 - (reference == null ? 0 : reference[t] / reference[t - 1] - 1);
        }
        return r;
    }

    private static double[] rolling(double[] r, int window, double perYear, boolean sharpe) {
        double[] out = new double[r.length];
        double sum = 0;
        double sumSq = 0;
        for (int t = 1; t < r.length; t++) {
            sum += r[t];
            sumSq += r[t] * r[t];
            if (t > window) {
                sum -= r[t - window];
                sumSq -= r[t - window] * r[t - window];
            }
            if (t < window) {
                out[t] = Double.NaN;
                continue;
            }
            double mean = sum / window;
            double sd = Math.sqrt(Math.max(0, (sumSq - window * mean * mean) / (window - 1)));
            out[t] = sharpe ? (sd == 0 ? Double.NaN : mean / sd * Math.sqrt(perYear)) : sd * Math.sqrt(perYear);
        }
        out[0] = Double.NaN;
        return out;
    }
}

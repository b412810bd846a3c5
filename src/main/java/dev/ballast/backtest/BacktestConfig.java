package dev.ballast.backtest;

import dev.ballast.backtest.tax.TaxSettings;
import dev.ballast.policy.FixedPoint;
import java.util.Arrays;
import java.util.Objects;

/**
 * One backtest's setting.
 *
 * @param initialCapital numeraire invested at the targets on the first bar, free of cost (at most 1e10, so the
 *                       policy's value units, 1e-8 numeraire in a long, cannot overflow)
 * @param targets        target weights, 18 decimals, summing to exactly 1e18, in the price series' column order
 * @param riskFreeRate   annual rate the Sharpe ratio subtracts (0.02 = 2%)
 * @param tax            tax lots, harvesting and tax-aware deferral, or {@code null} for an untaxed run
 */
public record BacktestConfig(double initialCapital, long[] targets, double riskFreeRate, TaxSettings tax) {
    public static final double MAX_CAPITAL = 1e10;

    public BacktestConfig {
        if (!(initialCapital > 0 && initialCapital <= MAX_CAPITAL)) {
            throw new IllegalArgumentException("initialCapital must be in (0, 1e10]: " + initialCapital);
        }
        targets = targets.clone();
        long sum = 0;
        for (long t : targets) {
            if (t < 0) throw new IllegalArgumentException("target weights must be >= 0: " + Arrays.toString(targets));
            sum += t;
        }
        if (sum != FixedPoint.WAD) {
            throw new IllegalArgumentException("target weights must sum to 1e18, got " + sum);
        }
    }

    /** An untaxed setting. */
    public BacktestConfig(double initialCapital, long[] targets, double riskFreeRate) {
        this(initialCapital, targets, riskFreeRate, null);
    }

    /** The same setting with tax accounting ({@code null}: none). */
    public BacktestConfig withTax(TaxSettings taxSettings) {
        return new BacktestConfig(initialCapital, targets, riskFreeRate, taxSettings);
    }

    public boolean taxed() {
        return tax != null;
    }

    /** Targets from fractions (normalised; rounding remainder to the last asset). */
    public static BacktestConfig of(double initialCapital, double riskFreeRate, double... weights) {
        double total = Arrays.stream(weights).sum();
        long[] targets = new long[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length - 1; i++) {
            targets[i] = Math.round(weights[i] / total * FixedPoint.WAD);
            assigned += targets[i];
        }
        targets[weights.length - 1] = FixedPoint.WAD - assigned;
        return new BacktestConfig(initialCapital, targets, riskFreeRate);
    }

    /** Equal weights over {@code n} assets. */
    public static BacktestConfig equalWeights(double initialCapital, int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return of(initialCapital, 0, w);
    }

    public int size() {
        return targets.length;
    }

    /** Target weight of asset {@code i} as a fraction. */
    public double weight(int i) {
        return targets[i] / (double) FixedPoint.WAD;
    }

    @Override
    public long[] targets() {
        return targets.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BacktestConfig c && initialCapital == c.initialCapital && riskFreeRate == c.riskFreeRate
                && Arrays.equals(targets, c.targets) && Objects.equals(tax, c.tax);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(targets) * 31 + Double.hashCode(initialCapital)) * 31 + Objects.hashCode(tax);
    }
}

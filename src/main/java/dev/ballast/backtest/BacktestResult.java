package dev.ballast.backtest;

import dev.ballast.backtest.tax.TaxOutcome;
import java.util.List;

/**
 * One strategy's run: per-bar NAV (after that bar's trades and costs), drift (max |weight − target| before trading)
 * and weights (after trading), the {@link Measures}, and the tax outcome of a taxed run ({@code null} when untaxed).
 * Arrays are owned by the result; do not modify them.
 */
public record BacktestResult(
        String strategy, List<String> assets, long[] timestamps, double[] nav, double[] drift, double[][] weights,
        Measures measures, TaxOutcome tax) {

    /** An untaxed result. */
    public BacktestResult(String strategy, List<String> assets, long[] timestamps, double[] nav, double[] drift,
                          double[][] weights, Measures measures) {
        this(strategy, assets, timestamps, nav, drift, weights, measures, null);
    }

    /** The same result under another name (to tell runs of one strategy under several settings apart). */
    public BacktestResult named(String name) {
        return new BacktestResult(name, assets, timestamps, nav, drift, weights, measures, tax);
    }

    public double finalNav() {
        return nav[nav.length - 1];
    }
}

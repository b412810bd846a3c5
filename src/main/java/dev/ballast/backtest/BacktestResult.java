package dev.ballast.backtest;

import java.util.List;

/**
 * One strategy's run: per-bar NAV (after that bar's trades and costs), drift (max |weight − target| before trading)
 * and weights (after trading), and the {@link Measures}. Arrays are owned by the result; do not modify them.
 */
public record BacktestResult(
        String strategy, List<String> assets, long[] timestamps, double[] nav, double[] drift, double[][] weights,
        Measures measures) {

    public double finalNav() {
        return nav[nav.length - 1];
    }
}

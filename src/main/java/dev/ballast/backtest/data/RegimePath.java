package dev.ballast.backtest.data;

import java.util.List;

/**
 * Output of {@link RegimeSwitchingGenerator}: the prices and which regime produced each row's return
 * ({@code regimeAt[0]} is the starting regime). Reports use it to split results by regime.
 */
public record RegimePath(PriceSeries series, List<Regime> regimes, int[] regimeAt) {
    public RegimePath {
        regimes = List.copyOf(regimes);
        regimeAt = regimeAt.clone();
        if (regimeAt.length != series.size()) {
            throw new IllegalArgumentException("regimeAt has " + regimeAt.length + " rows, series has " + series.size());
        }
    }

    @Override
    public int[] regimeAt() {
        return regimeAt.clone();
    }

    public String regimeNameAt(int row) {
        return regimes.get(regimeAt[row]).name();
    }

    /** Rows spent in each regime, in the order of {@link #regimes()}. */
    public int[] rowsPerRegime() {
        int[] counts = new int[regimes.size()];
        for (int r : regimeAt) {
            counts[r]++;
        }
        return counts;
    }
}

package dev.ballast.backtest.report;

import java.util.Arrays;

/**
 * How far one strategy's weights were from target over time (e.g. max absolute deviation, as a fraction), and the
 * band that triggers a rebalance (NaN if the strategy has none).
 */
public record DriftSeries(String strategy, long[] timestamps, double[] drift, double band) {
    public DriftSeries {
        if (timestamps.length != drift.length) {
            throw new IllegalArgumentException(strategy + ": " + timestamps.length + " timestamps but "
                    + drift.length + " drift values");
        }
        timestamps = timestamps.clone();
        drift = drift.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftSeries d && strategy.equals(d.strategy) && Arrays.equals(timestamps, d.timestamps)
                && Arrays.equals(drift, d.drift) && Double.compare(band, d.band) == 0;
    }

    @Override
    public int hashCode() {
        return strategy.hashCode() * 31 + Arrays.hashCode(drift);
    }
}

package dev.ballast.backtest.report;

import java.util.Arrays;
import java.util.List;

/** Portfolio weights of one strategy over time: {@code weights[t][asset]}, each row summing to about 1. */
public record WeightSeries(String strategy, List<String> assets, long[] timestamps, double[][] weights) {
    public WeightSeries {
        assets = List.copyOf(assets);
        if (timestamps.length != weights.length) {
            throw new IllegalArgumentException(strategy + ": " + timestamps.length + " timestamps but "
                    + weights.length + " weight rows");
        }
        for (double[] row : weights) {
            if (row.length != assets.size()) {
                throw new IllegalArgumentException(strategy + ": a weight row has " + row.length + " values for "
                        + assets.size() + " assets");
            }
        }
        timestamps = timestamps.clone();
        weights = Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightSeries w && strategy.equals(w.strategy) && assets.equals(w.assets)
                && Arrays.equals(timestamps, w.timestamps) && Arrays.deepEquals(weights, w.weights);
    }

    @Override
    public int hashCode() {
        return strategy.hashCode() * 31 + Arrays.hashCode(timestamps);
    }
}

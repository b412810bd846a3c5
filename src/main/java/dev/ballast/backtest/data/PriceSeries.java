package dev.ballast.backtest.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Aligned prices of several assets: row {@code t} holds one price per asset at {@code timestamps[t]}.
 *
 * <p>Validated on construction so consumers (policy replay, measures) never meet a missing, zero or
 * out-of-order value. The arrays are defensively copied: a series is an immutable value.
 *
 * @param assets     asset names, unique, non-blank, in column order
 * @param timestamps epoch seconds, strictly increasing
 * @param prices     {@code prices[t][asset]}, every value finite and {@code > 0}
 */
public record PriceSeries(List<String> assets, long[] timestamps, double[][] prices) {

    public PriceSeries {
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(prices, "prices");
        assets = List.copyOf(assets);
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("assets: at least one asset is required");
        }
        if (new HashSet<>(assets).size() != assets.size()) {
            throw new IllegalArgumentException("assets: duplicate asset name in " + assets);
        }
        for (String a : assets) {
            if (a.isBlank()) {
                throw new IllegalArgumentException("assets: blank asset name in " + assets);
            }
        }
        if (timestamps.length != prices.length) {
            throw new IllegalArgumentException("timestamps has " + timestamps.length
                    + " rows but prices has " + prices.length);
        }
        timestamps = timestamps.clone();
        double[][] copy = new double[prices.length][];
        for (int t = 0; t < prices.length; t++) {
            if (t > 0 && timestamps[t] <= timestamps[t - 1]) {
                throw new IllegalArgumentException("timestamps[" + t + "]=" + timestamps[t]
                        + " is not after timestamps[" + (t - 1) + "]=" + timestamps[t - 1]);
            }
            if (prices[t] == null || prices[t].length != assets.size()) {
                throw new IllegalArgumentException("prices[" + t + "] must have " + assets.size() + " values");
            }
            for (int i = 0; i < assets.size(); i++) {
                double p = prices[t][i];
                if (!(p > 0) || Double.isInfinite(p)) {
                    throw new IllegalArgumentException("prices[" + t + "][" + assets.get(i) + "]=" + p
                            + " must be finite and > 0");
                }
            }
            copy[t] = prices[t].clone();
        }
        prices = copy;
    }

    /** Number of rows (observations). */
    public int size() {
        return timestamps.length;
    }

    public int assetCount() {
        return assets.size();
    }

    /** Index of the named asset's column. */
    public int indexOf(String asset) {
        int i = assets.indexOf(asset);
        if (i < 0) {
            throw new IllegalArgumentException("unknown asset '" + asset + "', have " + assets);
        }
        return i;
    }

    /** Rows {@code [from, to)} as a new series. */
    public PriceSeries slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new PriceSeries(assets, Arrays.copyOfRange(timestamps, from, to),
                Arrays.copyOfRange(prices, from, to));
    }

    /** Prices of asset {@code i} over time (a copy). */
    public double[] column(int i) {
        Objects.checkIndex(i, assetCount());
        double[] out = new double[size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = prices[t][i];
        }
        return out;
    }

    /** Price of asset {@code i} at row {@code t}. */
    public double price(int t, int i) {
        return prices[t][i];
    }

    public long timestamp(int t) {
        return timestamps[t];
    }

    /** Only the named assets, in the given order. */
    public PriceSeries select(List<String> names) {
        int[] idx = names.stream().mapToInt(this::indexOf).toArray();
        double[][] out = new double[size()][idx.length];
        for (int t = 0; t < size(); t++) {
            for (int k = 0; k < idx.length; k++) {
                out[t][k] = prices[t][idx[k]];
            }
        }
        return new PriceSeries(new ArrayList<>(names), timestamps, out);
    }

    /** The accessor returns a copy so callers cannot mutate this value. */
    @Override
    public long[] timestamps() {
        return timestamps.clone();
    }

    /** The accessor returns a deep copy so callers cannot mutate this value; use {@link #price} in hot loops. */
    @Override
    public double[][] prices() {
        double[][] copy = new double[prices.length][];
        for (int t = 0; t < prices.length; t++) {
            copy[t] = prices[t].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceSeries other && assets.equals(other.assets)
                && Arrays.equals(timestamps, other.timestamps) && Arrays.deepEquals(prices, other.prices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(assets, Arrays.hashCode(timestamps), Arrays.deepHashCode(prices));
    }

    @Override
    public String toString() {
        return "PriceSeries[assets=" + assets + ", rows=" + size()
                + (size() > 0 ? ", from=" + timestamps[0] + ", to=" + timestamps[size() - 1] : "") + "]";
    }
}

package dev.ballast.backtest.optimize;

import dev.ballast.backtest.data.PriceSeries;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Stationary block bootstrap (Politis and Romano, 1994) of a series' per-bar returns: resampled paths keep the
 * cross-section of each day (all assets' returns of one source day move together, so correlation is kept) and
 * runs of consecutive days (so volatility clustering and short trends are kept), with block lengths geometric of
 * mean {@code meanBlock}. The source returns are treated as circular so every day is equally likely. A path starts
 * at the series' first prices and reuses its first timestamps.
 */
public final class BlockBootstrap {
    private final PriceSeries source;
    private final double meanBlock;

    public BlockBootstrap(PriceSeries source, double meanBlock) {
        if (source.size() < 2) throw new IllegalArgumentException("bootstrap needs at least two bars");
        if (!(meanBlock >= 1)) throw new IllegalArgumentException("mean block length " + meanBlock + " must be >= 1");
        this.source = source;
        this.meanBlock = meanBlock;
    }

    /**
     * Which source return (index {@code k}: bar {@code k} to {@code k+1}) each of {@code steps} steps uses: a new
     * uniform start with probability {@code 1 / meanBlock}, else the next return after the previous one.
     */
    public int[] returnIndices(int steps, SplittableRandom random) {
        int m = source.size() - 1;
        int[] idx = new int[steps];
        double restart = 1 / meanBlock;
        for (int s = 0; s < steps; s++) {
            idx[s] = s == 0 || random.nextDouble() < restart ? random.nextInt(m) : (idx[s - 1] + 1) % m;
        }
        return idx;
    }

    /** A path of {@code rows} bars (at most the source's length), deterministic for the seed. */
    public PriceSeries path(int rows, long seed) {
        if (rows < 2 || rows > source.size()) {
            throw new IllegalArgumentException("rows = " + rows + ": must be in [2, " + source.size() + "]");
        }
        int n = source.assetCount();
        int[] idx = returnIndices(rows - 1, new SplittableRandom(seed));
        double[][] p = new double[rows][n];
        for (int i = 0; i < n; i++) p[0][i] = source.price(0, i);
        for (int t = 1; t < rows; t++) {
            int k = idx[t - 1];
            for (int i = 0; i < n; i++) p[t][i] = p[t - 1][i] * source.price(k + 1, i) / source.price(k, i);
        }
        return new PriceSeries(source.assets(), Arrays.copyOf(source.timestamps(), rows), p);
    }
}

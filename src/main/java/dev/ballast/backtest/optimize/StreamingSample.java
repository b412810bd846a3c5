package dev.ballast.backtest.optimize;

import dev.ballast.backtest.report.Distribution;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A distribution fed one value at a time in bounded memory: exact count, mean, min and max, and a uniform reservoir
 * of at most {@code capacity} values (Vitter's algorithm R) for quantiles. Up to {@code capacity} values the
 * quantiles are exact; beyond, they are those of a uniform random subsample (seeded, so reproducible for the same
 * order of additions). Non-finite values are counted apart and left out. Not thread-safe: feed it from one thread.
 */
public final class StreamingSample {
    private final double[] reservoir;
    private final SplittableRandom random;
    private long count;
    private long nonFinite;
    private int filled;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public StreamingSample(int capacity, long seed) {
        if (capacity < 1) throw new IllegalArgumentException("capacity = " + capacity + ": must be >= 1");
        this.reservoir = new double[capacity];
        this.random = new SplittableRandom(seed);
    }

    public void add(double v) {
        if (!Double.isFinite(v)) {
            nonFinite++;
            return;
        }
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (filled < reservoir.length) {
            reservoir[filled++] = v;
        } else {
            long j = random.nextLong(count);
            if (j < reservoir.length) reservoir[(int) j] = v;
        }
    }

    /** Finite values added. */
    public long count() {
        return count;
    }

    public long nonFinite() {
        return nonFinite;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public double min() {
        return count == 0 ? Double.NaN : min;
    }

    public double max() {
        return count == 0 ? Double.NaN : max;
    }

    /** Quantile {@code p} in [0, 1], linear between closest ranks (R type 7) over the kept values. */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("p = " + p + ": must be in [0, 1]");
        if (filled == 0) return Double.NaN;
        double[] s = Arrays.copyOf(reservoir, filled);
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** The kept values as a report distribution (histogram and box plot). */
    public Distribution toDistribution(String name) {
        return new Distribution(name, Arrays.copyOf(reservoir, filled));
    }

    /** Values held in memory, never more than the capacity. */
    public int retained() {
        return filled;
    }
}

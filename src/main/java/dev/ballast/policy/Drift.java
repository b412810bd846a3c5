package dev.ballast.policy;

import java.util.Arrays;

/**
 * How far each weight is from its target. Weights are {@code floor(value × 1e18 / NAV)}; a deviation is
 * {@code weight − target} (positive: overweight). An empty portfolio has weight 0 everywhere.
 */
public final class Drift {
    private final long[] deviations;
    private final long maxAbs;
    private final int worst;

    private Drift(long[] deviations) {
        this.deviations = deviations;
        long max = -1;
        int at = 0;
        for (int i = 0; i < deviations.length; i++) {
            long abs = Math.abs(deviations[i]);
            if (abs > max) {
                max = abs;
                at = i;
            }
        }
        this.maxAbs = max;
        this.worst = at;
    }

    /** Drift of {@code values} against {@code targets} (both in vault order). */
    public static Drift of(long[] values, long[] targets) {
        if (values.length != targets.length || values.length == 0) {
            throw new InvalidPolicyException("values/targets", values.length + "/" + targets.length, "same, non-zero size");
        }
        long nav = 0;
        for (long v : values) nav = Math.addExact(nav, v);
        long[] deviations = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            long weight = nav == 0 ? 0 : FixedPoint.divWadDown(values[i], nav);
            deviations[i] = weight - targets[i];
        }
        return new Drift(deviations);
    }

    /** Drift of a snapshot. */
    public static Drift of(PortfolioSnapshot snapshot) {
        return of(snapshot.values(), snapshot.targets());
    }

    /** Number of assets. */
    public int size() {
        return deviations.length;
    }

    /** {@code weight − target} of asset {@code i}, 18 decimals. */
    public long deviation(int i) {
        return deviations[i];
    }

    /** All deviations (a copy). */
    public long[] deviations() {
        return deviations.clone();
    }

    /** The largest |weight − target|, 18 decimals. */
    public long maxAbs() {
        return maxAbs;
    }

    /** Index of the asset with the largest |deviation| (the first, on ties). */
    public int worstAsset() {
        return worst;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Drift d && Arrays.equals(deviations, d.deviations);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(deviations);
    }

    @Override
    public String toString() {
        return "Drift[max=" + maxAbs + " at " + worst + ", deviations=" + Arrays.toString(deviations) + "]";
    }
}

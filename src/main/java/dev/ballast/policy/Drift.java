package dev.ballast.policy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * How far each weight is from its target. Weights are {@code floor(value × 1e18 / NAV)}; a deviation is
 * {@code weight − target} (positive: overweight). An empty portfolio has weight 0 everywhere. A snapshot read from
 * chain is measured exactly as the vault measures it (values in numeraire wei, {@link VaultMath#weightsDown}), so the
 * keeper's band check and the vault's agree to the wei; value-only assets (the backtester) use value units.
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

    /**
     * {@code of(values, targets).maxAbs()} without building the drift: the same exact value, for a replay that needs
     * only the largest deviation on every bar. Each deviation is first estimated in floating point (error below 2,000
     * in 1e18, far under the margin), and only the assets whose estimate is within the margin of the largest are
     * measured exactly (usually one), so the result is the exact maximum.
     */
    public static long maxAbs(long[] values, long[] targets) {
        if (values.length != targets.length || values.length == 0) {
            throw new InvalidPolicyException("values/targets", values.length + "/" + targets.length, "same, non-zero size");
        }
        long nav = 0;
        boolean negative = false;
        for (long v : values) {
            nav = Math.addExact(nav, v);
            negative |= v < 0;
        }
        if (nav == 0 || negative) return of(values, targets).maxAbs(); // the exact path's answer or its error
        double scale = (double) FixedPoint.WAD / nav;
        double largest = -1;
        // the largest estimate first (Math.max, not a branch on data), then the exact value of the few that come close
        for (int i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] * scale - targets[i]));
        double floor = largest - ESTIMATE_MARGIN;
        long max = -1;
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i] * scale - targets[i]) < floor) continue;
            max = Math.max(max, Math.abs(FixedPoint.divWadDown(values[i], nav) - targets[i]));
        }
        return max;
    }

    /** Far above the floating-point estimate's error (a few hundred units in 1e18: three roundings of 2^-53). */
    private static final double ESTIMATE_MARGIN = 1 << 14;

    /** Drift of a snapshot: the vault's exact drift when every asset carries its on-chain balance and price. */
    public static Drift of(PortfolioSnapshot snapshot) {
        List<Asset> assets = snapshot.assets();
        if (!assets.stream().allMatch(Asset::hasBalance)) return of(snapshot.values(), snapshot.targets());
        BigInteger[] weights = VaultMath.weightsDown(assets.stream().map(Asset::balance).toList(),
                assets.stream().map(Asset::price).toList(), assets.stream().map(Asset::decimals).toList());
        long[] deviations = new long[weights.length];
        for (int i = 0; i < weights.length; i++) deviations[i] = weights[i].longValueExact() - assets.get(i).targetWeight();
        return new Drift(deviations);
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

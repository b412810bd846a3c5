package dev.ballast.backtest;

import java.util.Arrays;

/**
 * When and at what extra cost a rebalance the policy decides on is executed, on top of {@link CostModel}.
 *
 * @param timing        {@link Timing#SAME_BAR}: at the close the decision saw; {@link Timing#NEXT_BAR}: the same
 *                      quantities at the next bar's close (a decision on the last bar is never executed)
 * @param assetFeeRates per-asset fee rates in column order, or {@code null} for {@link CostModel#feeRate()} on all;
 *                      a swap selling A for B pays the mean of A's and B's rates on its value (so equal rates are
 *                      the same as one swap fee)
 * @param fixedPerSwap  numeraire charged on every swap on top of the proportional fee, recorded as fees
 */
public record Execution(Timing timing, double[] assetFeeRates, double fixedPerSwap) {
    /** Same bar, the cost model's fee only: the engine's behaviour before these options existed. */
    public static final Execution DEFAULT = new Execution(Timing.SAME_BAR, null, 0);

    public enum Timing { SAME_BAR, NEXT_BAR }

    public Execution {
        if (timing == null) throw new IllegalArgumentException("timing is required");
        if (!(fixedPerSwap >= 0 && Double.isFinite(fixedPerSwap))) {
            throw new IllegalArgumentException("fixed cost per swap must be >= 0: " + fixedPerSwap);
        }
        if (assetFeeRates != null) {
            assetFeeRates = assetFeeRates.clone();
            for (double r : assetFeeRates) {
                if (!(r >= 0 && r < 1)) throw new IllegalArgumentException("asset fee rate must be in [0, 1): " + r);
            }
        }
    }

    /** Fee (proportional + fixed) on a swap of value {@code x} selling asset {@code sell} for {@code buy}. */
    double fee(CostModel costs, int sell, int buy, double x) {
        double proportional = assetFeeRates == null ? costs.fee(x) : (assetFeeRates[sell] + assetFeeRates[buy]) / 2 * x;
        return proportional + fixedPerSwap;
    }

    boolean isDefault() {
        return equals(DEFAULT);
    }

    @Override
    public double[] assetFeeRates() {
        return assetFeeRates == null ? null : assetFeeRates.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Execution e && timing == e.timing && Arrays.equals(assetFeeRates, e.assetFeeRates)
                && fixedPerSwap == e.fixedPerSwap;
    }

    @Override
    public int hashCode() {
        return (timing.hashCode() * 31 + Arrays.hashCode(assetFeeRates)) * 31 + Double.hashCode(fixedPerSwap);
    }
}

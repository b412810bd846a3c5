package dev.ballast.backtest;

/**
 * What trading costs in a simulation.
 *
 * <ul>
 *   <li>Fee: {@code feeRate × value} on every swap.</li>
 *   <li>Price impact of a constant-product pool whose input-side reserve is worth {@code liquidity}: selling value
 *       {@code x} returns {@code x × L / (L + x)} worth, so the impact cost is {@code x² / (L + x)}. Every swap is
 *       priced against a pool restored by arbitrage since the last one. {@code liquidity = +∞} means no impact.</li>
 *   <li>Gas: {@link GasModel}, paid out of the portfolio pro rata.</li>
 * </ul>
 */
public record CostModel(double feeRate, double liquidity, GasModel gas) {
    /** Frictionless trading. */
    public static final CostModel FREE = new CostModel(0, Double.POSITIVE_INFINITY, GasModel.NONE);

    public CostModel {
        if (!(feeRate >= 0 && feeRate < 1)) throw new IllegalArgumentException("feeRate must be in [0, 1): " + feeRate);
        if (!(liquidity > 0)) throw new IllegalArgumentException("liquidity must be > 0 (or +Infinity): " + liquidity);
        if (gas == null) throw new IllegalArgumentException("gas model is required (GasModel.NONE for none)");
    }

    /** Fee on a swap of value {@code x}. */
    public double fee(double x) {
        return feeRate * x;
    }

    /** Price-impact cost of a swap of value {@code x}. */
    public double impact(double x) {
        return Double.isInfinite(liquidity) ? 0 : x * x / (liquidity + x);
    }
}

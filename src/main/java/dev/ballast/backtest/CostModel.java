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
 *   <li>Or, with {@code venues}, fee and impact from the keeper's routing model over those venues
 *       ({@link VenueCosts}); {@code feeRate} and {@code liquidity} are then not used.</li>
 * </ul>
 */
public record CostModel(double feeRate, double liquidity, GasModel gas, VenueCosts venues) {
    /** Frictionless trading. */
    public static final CostModel FREE = new CostModel(0, Double.POSITIVE_INFINITY, GasModel.NONE);

    /** One constant-product pool and a flat fee, no venue model. */
    public CostModel(double feeRate, double liquidity, GasModel gas) {
        this(feeRate, liquidity, gas, null);
    }

    /** Fee and impact from routing over {@code venues}. */
    public static CostModel ofVenues(VenueCosts venues, GasModel gas) {
        if (venues == null) throw new IllegalArgumentException("venues are required");
        return new CostModel(0, Double.POSITIVE_INFINITY, gas, venues);
    }

    public CostModel {
        if (!(feeRate >= 0 && feeRate < 1)) throw new IllegalArgumentException("feeRate must be in [0, 1): " + feeRate);
        if (!(liquidity > 0)) throw new IllegalArgumentException("liquidity must be > 0 (or +Infinity): " + liquidity);
        if (gas == null) throw new IllegalArgumentException("gas model is required (GasModel.NONE for none)");
    }

    /** Fee on a swap of value {@code x}. */
    public double fee(double x) {
        if (venues != null) return venues.fee(x);
        return feeRate * x;
    }

    /** Price-impact cost of a swap of value {@code x}. */
    public double impact(double x) {
        if (venues != null) return venues.impact(x);
        return Double.isInfinite(liquidity) ? 0 : x * x / (liquidity + x);
    }
}

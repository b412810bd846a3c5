package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

/**
 * What executing a plan is expected to cost in gas. A rebalance pays {@code perRebalance} once (oracle reads,
 * checks) plus {@code perSwap} for each swap (each slice of each leg), at {@code gasPriceWei}, converted with the
 * native token's price.
 *
 * @param gasPriceWei  expected effective gas price (base fee + tip), wei per gas
 * @param perRebalance gas units paid once per rebalance
 * @param perSwap      gas units paid per swap
 * @param nativePrice  value units per whole (1e18 wei) native token
 */
public record GasQuote(long gasPriceWei, long perRebalance, long perSwap, long nativePrice) {
    /** No gas cost at all (tests, cost-free backtests). */
    public static final GasQuote FREE = new GasQuote(0, 0, 0, 0);

    public GasQuote {
        if (gasPriceWei < 0) throw new InvalidPolicyException("gasPriceWei", gasPriceWei, "must be >= 0");
        if (perRebalance < 0) throw new InvalidPolicyException("gas perRebalance", perRebalance, "must be >= 0");
        if (perSwap < 0) throw new InvalidPolicyException("gas perSwap", perSwap, "must be >= 0");
        if (nativePrice < 0) throw new InvalidPolicyException("nativePrice", nativePrice, "must be >= 0");
    }

    /** Gas units of a rebalance with {@code swaps} swaps. */
    public long gasUnits(int swaps) {
        return Math.addExact(perRebalance, Math.multiplyExact(perSwap, (long) swaps));
    }

    /** Cost in value units of a rebalance with {@code swaps} swaps, rounded up (cost is never underestimated). */
    public long cost(int swaps) {
        long wei;
        try {
            wei = Math.multiplyExact(gasUnits(swaps), gasPriceWei);
        } catch (ArithmeticException e) {
            throw new InvalidPolicyException("gasPriceWei", gasPriceWei, "gas cost of " + swaps + " swaps overflows");
        }
        return FixedPoint.mulDivUp(wei, nativePrice, WAD);
    }
}

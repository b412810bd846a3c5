package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

/**
 * What executing a plan is expected to cost in gas. Each vault call pays {@code perRebalance} (oracle reads, guards)
 * plus {@code perSwap} for each swap in it, at {@code gasPriceWei}, converted with the native token's price.
 *
 * @param gasPriceWei  expected effective gas price (base fee + tip), wei per gas
 * @param perRebalance gas units paid once per vault call
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

    /** Gas units of {@code calls} vault calls making {@code swaps} swaps in all. */
    public long gasUnits(int calls, int swaps) {
        return Math.addExact(Math.multiplyExact(perRebalance, (long) calls), Math.multiplyExact(perSwap, (long) swaps));
    }

    /** Cost in value units of {@code calls} calls making {@code swaps} swaps, rounded up (never underestimated). */
    public long cost(int calls, int swaps) {
        long wei;
        try {
            wei = Math.multiplyExact(gasUnits(calls, swaps), gasPriceWei);
        } catch (ArithmeticException e) {
            throw new InvalidPolicyException("gasPriceWei", gasPriceWei, "gas cost of " + swaps + " swaps overflows");
        }
        return FixedPoint.mulDivUp(wei, nativePrice, WAD);
    }

    /** Cost of one call making {@code swaps} swaps. */
    public long cost(int swaps) {
        return cost(1, swaps);
    }
}

package dev.ballast.policy;

import java.math.BigInteger;

/**
 * One swap of a plan: sell {@code sellAmount} of {@code sellAsset} for at least {@code minBuyAmount} of
 * {@code buyAsset}. A leg larger than the per-swap cap is cut into {@code slices} equal swaps; this is number
 * {@code slice} (1-based).
 *
 * @param sellIndex    index of the sold asset in the snapshot
 * @param sellAsset    id of the sold asset
 * @param buyIndex     index of the bought asset in the snapshot
 * @param buyAsset     id of the bought asset
 * @param value        value moved, in value units at snapshot prices
 * @param sellAmount   raw units of the sold asset (value units for a value-only asset), rounded down
 * @param minBuyValue  {@code floor(value × (1 − maxSlippage))}
 * @param minBuyAmount raw units of the bought asset worth {@code minBuyValue}, rounded down
 * @param slice        1-based slice number
 * @param slices       number of slices the whole leg was cut into
 */
public record Leg(
        int sellIndex,
        String sellAsset,
        int buyIndex,
        String buyAsset,
        long value,
        BigInteger sellAmount,
        long minBuyValue,
        BigInteger minBuyAmount,
        int slice,
        int slices) {

    public Leg {
        if (sellIndex == buyIndex) throw new InvalidPolicyException("leg", sellAsset, "sells and buys the same asset");
        if (value <= 0) throw new InvalidPolicyException("leg value", value, "must be positive");
        if (slice < 1 || slice > slices) throw new InvalidPolicyException("leg slice", slice + "/" + slices, "1..n");
    }

    @Override
    public String toString() {
        String part = slices == 1 ? "" : " (slice " + slice + "/" + slices + ")";
        return "sell " + sellAmount + " " + sellAsset + " for >= " + minBuyAmount + " " + buyAsset + ", worth "
                + ValueUnits.toDecimal(value) + part;
    }
}

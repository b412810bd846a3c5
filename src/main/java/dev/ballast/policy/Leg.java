package dev.ballast.policy;

import java.math.BigInteger;

/**
 * One swap of a plan: sell {@code sellAmount} of {@code sellAsset} for at least {@code minBuyAmount} of
 * {@code buyAsset}, as part of vault call number {@code call} of {@code calls} (the vault caps the value one call may
 * sell, so a large plan takes several calls, and a leg may be split across consecutive calls).
 *
 * @param sellIndex    index of the sold asset in the snapshot
 * @param sellAsset    id of the sold asset
 * @param buyIndex     index of the bought asset in the snapshot
 * @param buyAsset     id of the bought asset
 * @param value        value moved, in value units at snapshot prices
 * @param sellAmount   raw units of the sold asset (value units for a value-only asset), rounded down
 * @param minBuyValue  {@code floor(value × (1 − maxSlippage))}
 * @param minBuyAmount raw units of the bought asset worth {@code minBuyValue}, rounded down
 * @param call         1-based number of the vault call this swap belongs to
 * @param calls        number of calls the whole plan takes
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
        int call,
        int calls) {

    public Leg {
        if (sellIndex == buyIndex) throw new InvalidPolicyException("leg", sellAsset, "sells and buys the same asset");
        if (value <= 0) throw new InvalidPolicyException("leg value", value, "must be positive");
        if (call < 1 || call > calls) throw new InvalidPolicyException("leg call", call + "/" + calls, "1..n");
    }

    @Override
    public String toString() {
        String part = calls == 1 ? "" : " (call " + call + "/" + calls + ")";
        return "sell " + sellAmount + " " + sellAsset + " for >= " + minBuyAmount + " " + buyAsset + ", worth "
                + ValueUnits.toDecimal(value) + part;
    }
}

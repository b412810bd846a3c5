package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

import java.math.BigInteger;

/**
 * One asset of a snapshot: its value, its target weight, and (when read from chain) the raw balance and price that
 * turn a leg's value back into token units.
 *
 * @param id           a stable name (token address or symbol) used in plans and logs
 * @param value        what the holding is worth, in {@link ValueUnits}
 * @param targetWeight target share of NAV, 18 decimals
 * @param balance      raw balance in the token's smallest unit, or {@code null} for a value-only asset
 * @param decimals     the token's decimals (ignored for a value-only asset)
 * @param price        18-decimal price of one whole token in the numeraire, or {@code null} for a value-only asset
 */
public record Asset(String id, long value, long targetWeight, BigInteger balance, int decimals, BigInteger price) {
    private static final int WAD_DECIMALS = 18;

    public Asset {
        if (id == null || id.isEmpty()) throw new InvalidPolicyException("asset id", id, "is required");
        if (value < 0) throw new InvalidPolicyException("value of " + id, value, "must be >= 0");
        if (targetWeight < 0 || targetWeight > WAD) {
            throw new InvalidPolicyException("targetWeight of " + id, targetWeight, "must be in [0, 1e18]");
        }
        if ((balance == null) != (price == null)) {
            throw new InvalidPolicyException("balance/price of " + id, balance + "/" + price, "give both or neither");
        }
        if (price != null && price.signum() <= 0) {
            throw new InvalidPolicyException("price of " + id, price, "must be positive");
        }
        if (balance != null && balance.signum() < 0) {
            throw new InvalidPolicyException("balance of " + id, balance, "must be >= 0");
        }
        if (decimals < 0 || decimals > 77) throw new InvalidPolicyException("decimals of " + id, decimals, "0..77");
    }

    /**
     * An asset as the keeper reads it from chain. Its value is {@code balance × price / 10^decimals}, converted to
     * value units and rounded down (the policy never counts value the vault does not hold).
     */
    public static Asset onChain(String id, BigInteger balance, int decimals, BigInteger price, long targetWeight) {
        if (balance == null || price == null) throw new InvalidPolicyException("balance/price of " + id, null, "required");
        BigInteger value = balance.multiply(price).divide(unitScale(decimals));
        if (value.bitLength() > 63) {
            throw new InvalidPolicyException("value of " + id, value, "exceeds the value-unit range (9.2e18)");
        }
        return new Asset(id, value.longValueExact(), targetWeight, balance, decimals, price);
    }

    /** An asset known only by value (the backtester): its raw unit is one value unit. */
    public static Asset valued(String id, long value, long targetWeight) {
        return new Asset(id, value, targetWeight, null, ValueUnits.DECIMALS, null);
    }

    /** Whether raw amounts are token units (true) or value units (a value-only asset). */
    public boolean hasBalance() {
        return balance != null;
    }

    /** The raw amount of this token worth {@code legValue} at the snapshot price, rounded down. */
    public BigInteger rawAmountDown(long legValue) {
        if (balance == null) return BigInteger.valueOf(legValue);
        return BigInteger.valueOf(legValue).multiply(unitScale(decimals)).divide(price);
    }

    /**
     * What to sell for a leg worth {@code legValue}: rounded down so a sell never moves more value than planned, and
     * never more than the balance.
     */
    public BigInteger sellAmount(long legValue) {
        if (balance == null) return BigInteger.valueOf(Math.min(legValue, value));
        return rawAmountDown(legValue).min(balance);
    }

    /** {@code 10^(decimals + 18 - 8)}: raw units × WAD price per value unit. */
    private static BigInteger unitScale(int decimals) {
        return BigInteger.TEN.pow(decimals + WAD_DECIMALS - ValueUnits.DECIMALS);
    }
}

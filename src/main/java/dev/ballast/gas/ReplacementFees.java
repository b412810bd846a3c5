package dev.ballast.gas;

import java.math.BigInteger;

/**
 * Fees for a same-nonce replacement. Nodes (geth's txpool price bump, 10% by default) drop a replacement unless
 * both maxFeePerGas and maxPriorityFeePerGas rise by at least the bump; we round the bumped values up and add at
 * least one wei, so the replacement clears any node whatever its rounding.
 *
 * <p>When the market moved more than the bump, the replacement follows the market (the current estimate) but never
 * above the cap. The priority fee may exceed the policy's maxPriorityFee when the bump requires it: a replacement
 * that nodes refuse is worth nothing.
 */
public final class ReplacementFees {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private ReplacementFees() {
    }

    /** Replacement fees with the minimum bump only. */
    public static BumpResult bump(FeeQuote previous, GasPolicy policy) {
        return bump(previous, previous, policy);
    }

    /**
     * Replacement fees: at least the bump above {@code previous}, at least {@code current} (today's estimate), at
     * most the cap.
     */
    public static BumpResult bump(FeeQuote previous, FeeQuote current, GasPolicy policy) {
        BigInteger minPriority = raise(previous.maxPriorityFeePerGas(), policy.replacementBumpPercent());
        BigInteger minMaxFee = raise(previous.maxFeePerGas(), policy.replacementBumpPercent()).max(minPriority);
        BigInteger cap = policy.maxFeeCap();
        if (minMaxFee.compareTo(cap) > 0) {
            return new BumpResult.BlockedByCap(previous, minMaxFee, cap);
        }
        BigInteger maxFee = current.maxFeePerGas().max(minMaxFee).min(cap);
        BigInteger priority = current.maxPriorityFeePerGas().max(minPriority).min(maxFee);
        return new BumpResult.Bumped(new FeeQuote(maxFee, priority));
    }

    /** ceil(value × (100 + percent) / 100), and strictly above value. */
    static BigInteger raise(BigInteger value, int percent) {
        BigInteger[] qr = value.multiply(HUNDRED.add(BigInteger.valueOf(percent))).divideAndRemainder(HUNDRED);
        BigInteger ceil = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return ceil.max(value.add(BigInteger.ONE));
    }
}

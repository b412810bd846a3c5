package dev.ballast.gas;

import java.math.BigInteger;

/** The answer to "replace this pending transaction": new fees, or the cap forbids a valid replacement. */
public sealed interface BumpResult {

    /** Fees for the replacement; both are at least the required bump above the previous ones. */
    record Bumped(FeeQuote fees) implements BumpResult {
    }

    /**
     * A replacement nodes would accept needs a max fee above the cap, so the keeper keeps waiting on the
     * original transaction.
     *
     * @param previous        the pending transaction's fees
     * @param requiredMaxFee  the smallest max fee (wei) a node would accept as a replacement
     * @param maxFeeCap       the configured cap (wei)
     */
    record BlockedByCap(FeeQuote previous, BigInteger requiredMaxFee, BigInteger maxFeeCap) implements BumpResult {

        public String describe() {
            return "cannot replace: a valid replacement needs max fee " + Gwei.format(requiredMaxFee)
                    + " gwei, above the cap of " + Gwei.format(maxFeeCap) + " gwei; still waiting on the original";
        }
    }
}

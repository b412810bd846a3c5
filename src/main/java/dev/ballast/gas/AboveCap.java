package dev.ballast.gas;

import java.math.BigInteger;

/**
 * The keeper should not send now: even the next block's base fee plus the priority fee exceeds the cap.
 *
 * @param nextBaseFee  the next block's base fee (wei)
 * @param priorityFee  the priority fee the keeper would have offered (wei)
 * @param maxFeeCap    the configured cap (wei)
 */
public record AboveCap(BigInteger nextBaseFee, BigInteger priorityFee, BigInteger maxFeeCap) implements FeeDecision {

    /** One line for the keeper's log. */
    public String describe() {
        return "waiting: next base fee " + Gwei.format(nextBaseFee) + " gwei + priority " + Gwei.format(priorityFee)
                + " gwei exceeds the max fee cap of " + Gwei.format(maxFeeCap) + " gwei";
    }
}

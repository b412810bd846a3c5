package dev.ballast.gas;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How the keeper prices EIP-1559 transactions. All fee amounts are in wei per gas.
 *
 * @param feeHistoryBlocks         how many recent blocks eth_feeHistory samples (1..1024)
 * @param priorityFeePercentile    the reward percentile requested from eth_feeHistory (0..100)
 * @param maxFeeCap                the most the keeper ever offers as maxFeePerGas
 * @param minPriorityFee           floor for maxPriorityFeePerGas (inclusion on quiet chains)
 * @param maxPriorityFee           ceiling for maxPriorityFeePerGas of a fresh transaction
 * @param replacementBumpPercent   how much a replacement raises both fees; nodes reject less than 10
 * @param replacementWait          how long a transaction may stay pending before it is replaced
 */
public record GasPolicy(
        int feeHistoryBlocks,
        double priorityFeePercentile,
        BigInteger maxFeeCap,
        BigInteger minPriorityFee,
        BigInteger maxPriorityFee,
        int replacementBumpPercent,
        Duration replacementWait) {

    /** Geth and most clients refuse a same-nonce replacement that raises either fee by less than this. */
    public static final int MIN_REPLACEMENT_BUMP_PERCENT = 10;

    public GasPolicy {
        Objects.requireNonNull(maxFeeCap, "maxFeeCap");
        Objects.requireNonNull(minPriorityFee, "minPriorityFee");
        Objects.requireNonNull(maxPriorityFee, "maxPriorityFee");
        Objects.requireNonNull(replacementWait, "replacementWait");
        if (feeHistoryBlocks < 1 || feeHistoryBlocks > 1024) {
            throw new IllegalArgumentException("feeHistoryBlocks must be 1..1024, was " + feeHistoryBlocks);
        }
        if (!(priorityFeePercentile >= 0 && priorityFeePercentile <= 100)) {
            throw new IllegalArgumentException("priorityFeePercentile must be 0..100, was " + priorityFeePercentile);
        }
        if (maxFeeCap.signum() <= 0) {
            throw new IllegalArgumentException("maxFeeCap must be positive, was " + maxFeeCap);
        }
        if (minPriorityFee.signum() < 0 || minPriorityFee.compareTo(maxPriorityFee) > 0) {
            throw new IllegalArgumentException(
                    "need 0 <= minPriorityFee <= maxPriorityFee, was " + minPriorityFee + " / " + maxPriorityFee);
        }
        if (maxPriorityFee.compareTo(maxFeeCap) > 0) {
            throw new IllegalArgumentException(
                    "maxPriorityFee " + maxPriorityFee + " exceeds maxFeeCap " + maxFeeCap);
        }
        if (replacementBumpPercent < MIN_REPLACEMENT_BUMP_PERCENT) {
            throw new IllegalArgumentException(
                    "replacementBumpPercent must be >= " + MIN_REPLACEMENT_BUMP_PERCENT + ", was " + replacementBumpPercent);
        }
        if (replacementWait.isNegative() || replacementWait.isZero()) {
            throw new IllegalArgumentException("replacementWait must be positive, was " + replacementWait);
        }
    }
}

package dev.ballast.config;

import dev.ballast.gas.GasPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * EIP-1559 fee policy; fee amounts in wei (written in gwei in the file).
 *
 * @param feeHistoryBlocks        blocks sampled by eth_feeHistory
 * @param priorityFeePercentile   reward percentile requested from eth_feeHistory
 * @param maxFeeWei               cap on maxFeePerGas: above it the keeper waits
 * @param minPriorityFeeWei       floor of maxPriorityFeePerGas
 * @param maxPriorityFeeWei       ceiling of maxPriorityFeePerGas
 * @param replacementBumpPercent  fee increase of a same-nonce replacement (nodes require at least 10)
 * @param replacementWait         how long a transaction may stay pending before it is replaced
 */
public record GasConfig(int feeHistoryBlocks, BigDecimal priorityFeePercentile, BigInteger maxFeeWei,
                        BigInteger minPriorityFeeWei, BigInteger maxPriorityFeeWei, int replacementBumpPercent,
                        Duration replacementWait) {

    /** The fee policy the gas package computes with. */
    public GasPolicy toGasPolicy() {
        return new GasPolicy(feeHistoryBlocks, priorityFeePercentile.doubleValue(), maxFeeWei, minPriorityFeeWei,
                maxPriorityFeeWei, replacementBumpPercent, replacementWait);
    }
}

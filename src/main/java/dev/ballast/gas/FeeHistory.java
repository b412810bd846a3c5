package dev.ballast.gas;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The part of an eth_feeHistory answer the estimator needs, oldest block first.
 *
 * @param baseFees       base fee of each sampled block (wei)
 * @param rewards        priority fee paid at the requested percentile in each sampled block (wei)
 * @param gasUsedRatios  gasUsed / gasLimit of each sampled block; 0 means an empty block whose reward says nothing
 * @param nextBaseFee    base fee of the block after the newest sampled one (the last baseFeePerGas entry)
 */
public record FeeHistory(List<BigInteger> baseFees, List<BigInteger> rewards, List<Double> gasUsedRatios,
                         BigInteger nextBaseFee) {

    public FeeHistory {
        baseFees = List.copyOf(baseFees);
        rewards = List.copyOf(rewards);
        gasUsedRatios = List.copyOf(gasUsedRatios);
        Objects.requireNonNull(nextBaseFee, "nextBaseFee");
        if (rewards.size() != gasUsedRatios.size() || baseFees.size() != rewards.size()) {
            throw new IllegalArgumentException("fee history lists differ in length: baseFees " + baseFees.size()
                    + ", rewards " + rewards.size() + ", gasUsedRatios " + gasUsedRatios.size());
        }
        if (nextBaseFee.signum() < 0 || baseFees.stream().anyMatch(f -> f.signum() < 0)
                || rewards.stream().anyMatch(r -> r.signum() < 0)) {
            throw new IllegalArgumentException("fee history contains a negative fee");
        }
    }
}

package dev.ballast.gas;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/** Reads eth_feeHistory through web3j and turns it into a {@link FeeHistory}. */
public final class FeeHistorySource {
    private final Web3j web3j;

    public FeeHistorySource(Web3j web3j) {
        this.web3j = web3j;
    }

    /** The last {@code policy.feeHistoryBlocks()} blocks with rewards at the policy's percentile. */
    public FeeHistory fetch(GasPolicy policy) {
        EthFeeHistory response;
        try {
            response = web3j.ethFeeHistory(policy.feeHistoryBlocks(), DefaultBlockParameterName.LATEST,
                    List.of(policy.priorityFeePercentile())).send();
        } catch (IOException | RuntimeException e) {
            throw new FeeHistoryUnavailableException("eth_feeHistory request failed: " + e.getMessage(), e);
        }
        if (response.hasError()) {
            throw new FeeHistoryUnavailableException("eth_feeHistory returned error " + response.getError().getCode()
                    + ": " + response.getError().getMessage(), null);
        }
        if (response.getFeeHistory() == null) {
            throw new FeeHistoryUnavailableException("eth_feeHistory returned no result", null);
        }
        return fromRpc(response.getFeeHistory());
    }

    /**
     * baseFeePerGas has one entry more than the sampled blocks: the last is the next block's base fee. reward is
     * absent when the node was asked for no percentiles or is pre-London; a missing reward counts as empty block.
     */
    static FeeHistory fromRpc(EthFeeHistory.FeeHistory rpc) {
        List<BigInteger> baseFees = rpc.getBaseFeePerGas();
        List<Double> ratios = rpc.getGasUsedRatio();
        if (baseFees == null || baseFees.isEmpty() || ratios == null || baseFees.size() != ratios.size() + 1) {
            throw new FeeHistoryUnavailableException("eth_feeHistory result is malformed: baseFeePerGas "
                    + (baseFees == null ? "missing" : baseFees.size() + " entries") + ", gasUsedRatio "
                    + (ratios == null ? "missing" : ratios.size() + " entries"), null);
        }
        List<List<BigInteger>> rewardRows = rpc.getRewardRaw() == null ? null : rpc.getReward();
        List<BigInteger> rewards = new ArrayList<>();
        List<Double> usedRatios = new ArrayList<>();
        for (int i = 0; i < ratios.size(); i++) {
            boolean hasReward = rewardRows != null && i < rewardRows.size() && !rewardRows.get(i).isEmpty();
            rewards.add(hasReward ? rewardRows.get(i).get(0) : BigInteger.ZERO);
            usedRatios.add(hasReward ? ratios.get(i) : 0.0);
        }
        return new FeeHistory(baseFees.subList(0, ratios.size()), rewards, usedRatios, baseFees.getLast());
    }
}

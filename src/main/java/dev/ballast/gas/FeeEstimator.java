package dev.ballast.gas;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure EIP-1559 fee computation from fee-history data.
 *
 * <ul>
 *   <li>maxPriorityFee = median, over the sampled blocks that were not empty, of the reward at the policy's
 *       percentile, clamped to [minPriorityFee, maxPriorityFee]. Empty blocks report a reward of 0 that says
 *       nothing about competition, so they are skipped; with no non-empty block the minimum is used.</li>
 *   <li>maxFee = 2 × nextBaseFee + maxPriorityFee, lowered to the cap. Two times the base fee survives six full
 *       blocks of +12.5% base-fee growth, so the transaction stays includable while it waits.</li>
 *   <li>If nextBaseFee + maxPriorityFee exceeds the cap, the transaction could not be included in the next block
 *       at all: the answer is {@link AboveCap} and the keeper waits.</li>
 * </ul>
 */
public final class FeeEstimator {
    private static final BigInteger TWO = BigInteger.TWO;

    private FeeEstimator() {
    }

    public static FeeDecision estimate(FeeHistory history, GasPolicy policy) {
        BigInteger priority = priorityFee(history, policy);
        BigInteger base = history.nextBaseFee();
        if (base.add(priority).compareTo(policy.maxFeeCap()) > 0) {
            return new AboveCap(base, priority, policy.maxFeeCap());
        }
        BigInteger maxFee = base.multiply(TWO).add(priority).min(policy.maxFeeCap());
        return new FeeQuote(maxFee, priority);
    }

    /** The clamped priority fee the keeper offers, in wei. */
    public static BigInteger priorityFee(FeeHistory history, GasPolicy policy) {
        List<BigInteger> informative = new ArrayList<>();
        for (int i = 0; i < history.rewards().size(); i++) {
            if (history.gasUsedRatios().get(i) > 0) {
                informative.add(history.rewards().get(i));
            }
        }
        BigInteger observed = informative.isEmpty() ? policy.minPriorityFee() : medianDown(informative);
        return observed.max(policy.minPriorityFee()).min(policy.maxPriorityFee());
    }

    /** Median; for an even count the mean of the middle two, rounded down. */
    static BigInteger medianDown(List<BigInteger> values) {
        List<BigInteger> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(mid);
        }
        return sorted.get(mid - 1).add(sorted.get(mid)).shiftRight(1);
    }
}

package dev.ballast.lp;

import dev.ballast.deploy.DecimalMath;
import java.math.BigDecimal;
import java.util.List;

/**
 * Impermanent loss of a geometric-mean (weighted) pool, fees left out. Arbitrage keeps the pool's value share of each
 * token at its weight, so a pool worth 1 at the start is worth Π r_i^{w_i} once token i's price has changed by the
 * ratio r_i, while the tokens it started with are worth Σ w_i r_i. The ratio of the two is at most 1 (weighted AM-GM):
 * the pool never beats holding, whatever the prices do.
 */
public final class ImpermanentLoss {
    private ImpermanentLoss() {}

    /** Π r_i^{w_i}: the pool's value relative to its start. */
    public static BigDecimal poolGrowth(List<BigDecimal> weights, List<BigDecimal> ratios) {
        check(weights, ratios);
        BigDecimal lnValue = BigDecimal.ZERO;
        for (int i = 0; i < weights.size(); i++) {
            if (ratios.get(i).compareTo(BigDecimal.ONE) == 0) continue;
            lnValue = lnValue.add(weights.get(i).multiply(FastLog.ln(ratios.get(i)), DecimalMath.MC), DecimalMath.MC);
        }
        return lnValue.signum() == 0 ? BigDecimal.ONE : DecimalMath.exp(lnValue);
    }

    /** Σ w_i r_i: the value of the starting tokens, held, relative to the start. */
    public static BigDecimal holdGrowth(List<BigDecimal> weights, List<BigDecimal> ratios) {
        check(weights, ratios);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < weights.size(); i++) {
            sum = sum.add(weights.get(i).multiply(ratios.get(i), DecimalMath.MC), DecimalMath.MC);
        }
        return sum;
    }

    /** V_pool / V_hold − 1: zero when no price moved relative to the others, negative otherwise. */
    public static BigDecimal loss(List<BigDecimal> weights, List<BigDecimal> ratios) {
        return poolGrowth(weights, ratios).divide(holdGrowth(weights, ratios), DecimalMath.MC).subtract(BigDecimal.ONE);
    }

    /** The weights as given, or a message naming what is wrong with them. */
    public static List<BigDecimal> checkWeights(List<BigDecimal> weights) {
        if (weights.size() < 2) throw new IllegalArgumentException("weights: need at least 2, got " + weights.size());
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal w : weights) {
            if (w.signum() <= 0) throw new IllegalArgumentException("weights: " + w.toPlainString() + " must be > 0");
            sum = sum.add(w);
        }
        if (sum.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("weights: " + weights + " sum to " + sum.toPlainString() + ", not 1");
        }
        return List.copyOf(weights);
    }

    private static void check(List<BigDecimal> weights, List<BigDecimal> ratios) {
        if (weights.size() != ratios.size()) {
            throw new IllegalArgumentException(weights.size() + " weights but " + ratios.size() + " price ratios");
        }
        for (BigDecimal r : ratios) {
            if (r.signum() <= 0) throw new IllegalArgumentException("price ratio " + r.toPlainString() + " must be > 0");
        }
    }
}

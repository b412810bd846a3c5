package dev.ballast.lp;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.deploy.DecimalMath;
import java.math.BigDecimal;
import java.util.List;

/**
 * A price history run through three portfolios that start with the same value split by the same weights: the
 * weighted pool (closed form, arbitraged at every row, no fees), the starting tokens held, and a portfolio traded back
 * to its weights every {@code rebalanceEvery} rows at no cost. Growth figures are relative to a start value of 1.
 */
public final class IlReplay {
    private IlReplay() {}

    /**
     * @param assets         columns of {@code prices}, in weight order
     * @param rebalanceEvery rows between rebalances, >= 1
     */
    public static Result run(PriceSeries prices, List<Integer> assets, List<BigDecimal> weights, int rebalanceEvery) {
        if (assets.size() != weights.size()) {
            throw new IllegalArgumentException(assets.size() + " assets but " + weights.size() + " weights");
        }
        if (rebalanceEvery < 1) throw new IllegalArgumentException("rebalance-every: " + rebalanceEvery + " must be >= 1");
        if (prices.size() < 2) throw new IllegalArgumentException("prices: need at least 2 rows, got " + prices.size());
        int n = assets.size();
        BigDecimal[] start = row(prices, assets, 0);
        BigDecimal[] lnStart = new BigDecimal[n];
        for (int i = 0; i < n; i++) lnStart[i] = FastLog.ln(start[i]);
        BigDecimal rebalanced = BigDecimal.ONE;
        BigDecimal[] anchor = start;
        BigDecimal worst = BigDecimal.ZERO;
        int worstRow = 0;
        BigDecimal pool = BigDecimal.ONE;
        BigDecimal hold = BigDecimal.ONE;
        for (int t = 1; t < prices.size(); t++) {
            BigDecimal[] now = row(prices, assets, t);
            BigDecimal lnPool = BigDecimal.ZERO;
            hold = BigDecimal.ZERO;
            BigDecimal sinceAnchor = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal w = weights.get(i);
                lnPool = lnPool.add(w.multiply(FastLog.ln(now[i]).subtract(lnStart[i]), DecimalMath.MC), DecimalMath.MC);
                hold = hold.add(w.multiply(now[i], DecimalMath.MC).divide(start[i], DecimalMath.MC), DecimalMath.MC);
                sinceAnchor = sinceAnchor.add(w.multiply(now[i], DecimalMath.MC).divide(anchor[i], DecimalMath.MC),
                        DecimalMath.MC);
            }
            pool = DecimalMath.exp(lnPool);
            BigDecimal loss = pool.divide(hold, DecimalMath.MC).subtract(BigDecimal.ONE);
            if (loss.compareTo(worst) < 0) {
                worst = loss;
                worstRow = t;
            }
            if (t % rebalanceEvery == 0 || t == prices.size() - 1) {
                rebalanced = rebalanced.multiply(sinceAnchor, DecimalMath.MC);
                anchor = now;
            }
        }
        return new Result(prices.size(), prices.timestamps()[0], prices.timestamps()[prices.size() - 1], pool, hold,
                rebalanced, worst, prices.timestamps()[worstRow]);
    }

    private static BigDecimal[] row(PriceSeries prices, List<Integer> assets, int t) {
        BigDecimal[] out = new BigDecimal[assets.size()];
        for (int i = 0; i < out.length; i++) out[i] = BigDecimal.valueOf(prices.prices()[t][assets.get(i)]);
        return out;
    }

    /**
     * Growth of each portfolio over the whole history (start = 1), the final loss against holding and the deepest one
     * on the way.
     */
    public record Result(int rows, long startTime, long endTime, BigDecimal pool, BigDecimal hold, BigDecimal rebalanced,
            BigDecimal worstLoss, long worstTime) {
        public BigDecimal finalLoss() {
            return pool.divide(hold, DecimalMath.MC).subtract(BigDecimal.ONE);
        }
    }
}

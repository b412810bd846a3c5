package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;

/**
 * A share of a weighted pool (invariant {@code Π B_i^{w_i}}) with perfect arbitrage: at each bar arbitrageurs trade
 * the pool to market prices, after which it holds {@code w_i × V / p_i} of each asset and its value has grown by the
 * weighted geometric mean of the price ratios, {@code Π (p_i,t / p_i,t−1)^{w_i}}. Without fees the value is thus
 * {@code V_0 × Π (p_i,t / p_i,0)^{w_i}} in closed form.
 *
 * <p>Arbitrage costs the pool what rebalancing at market prices would have kept: per bar, {@code V × (Σ w_i ratio_i
 * − Π ratio_i^{w_i})}, reported as arbitrage loss. Fees: the pool earns {@code swapFee} on the value arbitrageurs
 * put in (what it bought to get back to its weights) and on other flow of {@link PoolVolume#between} × V over the bar. This
 * ignores that a fee lets the pool price lag within a no-arbitrage band; it slightly overstates fee income.
 */
final class PassivePoolSimulator {
    private final PriceSeries prices;
    private final BacktestConfig config;

    private final double[] targetReturns;

    PassivePoolSimulator(PriceSeries prices, BacktestConfig config, double[] targetReturns) {
        this.targetReturns = targetReturns;
        this.prices = prices;
        this.config = config;
    }

    BacktestResult run(Strategy.PassivePool pool) {
        int n = config.size();
        Recorder rec = new Recorder(pool.name(), prices, config, targetReturns);
        double value = config.initialCapital();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = config.weight(i);
        rec.bar(0, 0, value, w.clone());
        for (int t = 1; t < prices.size(); t++) {
            double logGrowth = 0;
            double arithmetic = 0;
            for (int i = 0; i < n; i++) {
                double ratio = prices.price(t, i) / prices.price(t - 1, i);
                logGrowth += w[i] * Math.log(ratio);
                arithmetic += w[i] * ratio;
            }
            double geometric = Math.exp(logGrowth);
            double after = value * geometric;
            double arbIn = 0;
            for (int i = 0; i < n; i++) {
                double ratio = prices.price(t, i) / prices.price(t - 1, i);
                // holdings before w V / p_t−1, after w V' / p_t; valued at p_t the increase is w (V' − V ratio)
                arbIn += Math.max(0, w[i] * (after - value * ratio));
            }
            double flow = pool.volume().between(prices.timestamp(t - 1), prices.timestamp(t));
            double earned = pool.swapFee() * (arbIn + flow * after);
            rec.arbitrageLoss += value * (arithmetic - geometric);
            rec.tradedValue += arbIn;
            rec.feesEarned += earned;
            value = after + earned;
            rec.bar(t, 0, value, w.clone());
        }
        return rec.finish();
    }
}

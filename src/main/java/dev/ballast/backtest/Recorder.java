package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.tax.TaxOutcome;
import dev.ballast.policy.FixedPoint;

/** Collects a run bar by bar and turns it into a {@link BacktestResult}. */
final class Recorder {
    private final String strategy;
    private final PriceSeries prices;
    private final BacktestConfig config;
    private final double[] nav;
    private final double[] drift;
    private final double[][] weights;
    private final double[] targetReturns;
    double tradedValue;
    double fees;
    double impact;
    double gas;
    double arbitrageLoss;
    double feesEarned;
    int rebalances;
    int calls;
    int swaps;
    /** Set by a taxed run before {@link #finish()}. */
    TaxOutcome tax;

    /** {@code targetReturns}: {@link #targetReturns(PriceSeries, BacktestConfig)}, shared by every run on the prices. */
    Recorder(String strategy, PriceSeries prices, BacktestConfig config, double[] targetReturns) {
        this(strategy, prices, config, targetReturns, true);
    }

    /** {@code keepWeights} false: a run wanted for its measures only keeps no per-bar weights (result's are null). */
    Recorder(String strategy, PriceSeries prices, BacktestConfig config, double[] targetReturns, boolean keepWeights) {
        this.strategy = strategy;
        this.targetReturns = targetReturns;
        this.prices = prices;
        this.config = config;
        this.nav = new double[prices.size()];
        this.drift = new double[prices.size()];
        this.weights = keepWeights ? new double[prices.size()][] : null;
    }

    /** The bar's drift before trading, and its NAV and weights after. */
    void bar(int t, double maxDrift, double navAfter, double[] weightsAfter) {
        drift[t] = maxDrift;
        nav[t] = navAfter;
        if (weights != null) weights[t] = weightsAfter;
    }

    /** Bars {@code [0, upTo)} as the hold path recorded them: a lean replay's bars before its first trade. */
    void copyHeld(HoldPath hold, int upTo) {
        for (int t = 0; t < upTo; t++) bar(t, hold.drift()[t] / (double) FixedPoint.WAD, hold.nav()[t], null);
    }

    /**
     * A copy holding bars {@code [0, upTo)} and every total so far: a setting that leaves the others of a
     * {@link SharedReplay} at bar {@code upTo} carries on from here. Weights are not kept (measures only).
     */
    Recorder branch(int upTo) {
        Recorder r = new Recorder(strategy, prices, config, targetReturns, false);
        System.arraycopy(nav, 0, r.nav, 0, upTo);
        System.arraycopy(drift, 0, r.drift, 0, upTo);
        r.tradedValue = tradedValue;
        r.fees = fees;
        r.impact = impact;
        r.gas = gas;
        r.arbitrageLoss = arbitrageLoss;
        r.feesEarned = feesEarned;
        r.rebalances = rebalances;
        r.calls = calls;
        r.swaps = swaps;
        r.tax = tax;
        return r;
    }

    BacktestResult finish() {
        long[] ts = prices.timestamps();
        double years = Statistics.years(ts);
        double ppy = Statistics.periodsPerYear(ts);
        double[] returns = Statistics.periodReturns(nav);
        double averageNav = Statistics.mean(nav);
        double paid = fees + impact + gas;
        double executionCost = paid + arbitrageLoss - feesEarned;
        double start = config.initialCapital();
        double end = nav[nav.length - 1];
        double preGasGain = end - start + gas;
        Measures m = new Measures(
                max(drift), Statistics.mean(drift), tradedValue, tradedValue / averageNav / years,
                fees, impact, gas, arbitrageLoss, feesEarned, executionCost,
                executionCost / averageNav / years * 1e4, tradedValue > 0 ? paid / tradedValue * 1e4 : Double.NaN,
                Statistics.trackingError(returns, targetReturns, ppy), end / start - 1,
                Statistics.annualizedReturn(start, end, years), Statistics.stdDev(returns) * Math.sqrt(ppy),
                Statistics.sharpe(returns, ppy, config.riskFreeRate()), Statistics.maxDrawdown(nav),
                rebalances, calls, swaps, preGasGain > 0 ? gas / preGasGain : Double.NaN);
        return new BacktestResult(strategy, prices.assets(), ts, nav, drift, weights, m, tax);
    }

    /** Per-bar return of the target portfolio rebalanced at every bar without cost. */
    static double[] targetReturns(PriceSeries prices, BacktestConfig config) {
        double[] r = new double[prices.size() - 1];
        for (int t = 1; t < prices.size(); t++) {
            double growth = 0;
            for (int i = 0; i < config.size(); i++) growth += config.weight(i) * prices.price(t, i) / prices.price(t - 1, i);
            r[t - 1] = growth - 1;
        }
        return r;
    }

    private static double max(double[] x) {
        double m = 0;
        for (double v : x) m = Math.max(m, v);
        return m;
    }
}

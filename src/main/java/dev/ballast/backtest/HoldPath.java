package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.Drift;
import dev.ballast.policy.FixedPoint;

/**
 * Buy-and-hold of the initial holdings on one price series, bar by bar: the exact max |weight − target| (18
 * decimals, as the policy measures it), the NAV, and the measures of a run that never trades. Every untaxed strategy
 * holds exactly these quantities until its first trade, so a sweep computes this once per series and its strategies
 * read it instead of revaluing the same holdings on every bar (most settings of a wide sweep trade late or never).
 *
 * @param drift    per bar, {@link Drift#maxAbs(long[], long[])} of the holdings' value units
 * @param nav      per bar, the holdings' value in the numeraire
 * @param measures what a strategy that never trades on these prices measures
 */
record HoldPath(long[] drift, double[] nav, Measures measures) {
    static HoldPath of(PriceSeries prices, BacktestConfig config, double[] targetReturns) {
        double[] q = PolicyReplay.initialHoldings(prices, config);
        long[] targets = config.targets();
        long[] units = new long[q.length];
        long[] drift = new long[prices.size()];
        double[] nav = new double[prices.size()];
        Recorder rec = new Recorder("hold", prices, config, targetReturns, false);
        for (int t = 0; t < prices.size(); t++) {
            nav[t] = PolicyReplay.valueUnits(prices, t, q, units);
            drift[t] = Drift.maxAbs(units, targets);
            rec.bar(t, drift[t] / (double) FixedPoint.WAD, nav[t], null);
        }
        return new HoldPath(drift, nav, rec.finish().measures());
    }
}

package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.Asset;
import dev.ballast.policy.Decision;
import dev.ballast.policy.Drift;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.RebalancePolicy;
import dev.ballast.policy.ValueUnits;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays the keeper's own {@link RebalancePolicy} over a price series (or no policy: buy-and-hold).
 *
 * <p>Each bar: value the holdings at the bar's close, convert values to the policy's value units (rounded to the
 * nearest unit: the simulation's only double-to-integer boundary), ask the policy, and if it says rebalance,
 * execute every call of the plan at that close. Swaps pay {@link CostModel} fees and impact (the bought asset
 * receives {@code value − fee − impact}); gas, as quoted to the policy, is taken from all holdings pro rata. The
 * first bar invests the capital at the targets without cost and counts as the last rebalance.
 *
 * <p>{@link Execution}: with next-bar timing the plan decided at a close is executed at the next bar's close (the
 * quantities the plan sells, revalued there), before the policy is asked again; with per-asset fee rates or a fixed
 * cost per swap those replace the cost model's fee. A strategy with check dates asks the policy only on those bars.
 *
 * <p>A taxed run ({@link BacktestConfig#tax()}) makes its trades through {@link TaxedTrading}, which keeps the lots,
 * and with harvesting or tax-aware mode may change or defer them; a rebalance that ends up trading nothing is none.
 */
final class PolicyReplay {
    private final PriceSeries prices;
    private final BacktestConfig config;
    private final CostModel costs;
    private final int nativeColumn;
    private final Execution execution;
    private final double[] targetReturns;
    private final HoldPath hold;

    PolicyReplay(PriceSeries prices, BacktestConfig config, CostModel costs, Execution execution, double[] targetReturns) {
        this(prices, config, costs, execution, targetReturns, null);
    }

    /**
     * A lean replay when {@code hold} is given (an untaxed run's {@link HoldPath} on these prices): it keeps no
     * per-bar weights, and until its first trade it takes each bar's drift and NAV from {@code hold} instead of
     * recomputing them: the holdings are the same, so are the figures. Its measures equal the full replay's.
     */
    PolicyReplay(PriceSeries prices, BacktestConfig config, CostModel costs, Execution execution, double[] targetReturns,
                 HoldPath hold) {
        this.hold = hold;
        this.prices = prices;
        this.targetReturns = targetReturns;
        this.config = config;
        this.costs = costs;
        this.execution = execution;
        String nativeAsset = costs.gas().nativeAsset();
        this.nativeColumn = nativeAsset == null ? -1 : prices.indexOf(nativeAsset);
    }

    /** Runs with {@code policy} asked on every bar, or holds when it is null. */
    BacktestResult run(String name, RebalancePolicy policy) {
        return run(name, policy, 0);
    }

    /** Runs with {@code policy} asked on every bar, or only on check dates {@code checkEvery} seconds apart. */
    BacktestResult run(String name, RebalancePolicy policy, long checkEvery) {
        if (hold != null) throw new IllegalStateException("a lean replay gives measures only");
        return replay(name, policy, checkEvery).finish();
    }

    /** A lean replay's measures: the hold path's own when the strategy never trades. */
    Measures measure(String name, RebalancePolicy policy, long checkEvery) {
        Recorder rec = replay(name, policy, checkEvery);
        return rec == null ? hold.measures() : rec.finish().measures();
    }

    /** The run's recorder, or null for a lean replay that never left the hold path (nothing recorded). */
    private Recorder replay(String name, RebalancePolicy policy, long checkEvery) {
        int n = config.size();
        String[] ids = prices.assets().toArray(String[]::new);
        long[] targets = config.targets();
        double[] q = initialHoldings(prices, config);
        long lastRebalance = prices.timestamp(0);
        Recorder rec = new Recorder(name, prices, config, targetReturns, hold == null);
        TaxedTrading tax = config.taxed() ? new TaxedTrading(config.tax(), prices, targets, costs) : null;
        if (tax != null) tax.open(0, q);
        long[] units = new long[n];
        long nextCheck = prices.timestamp(0) + checkEvery;
        boolean nextBar = nextBar();
        boolean held = hold != null; // nothing traded yet: the holdings are the hold path's
        Decision pending = null;
        for (int t = 0; t < prices.size(); t++) {
            if (pending != null) {
                // decided at the previous bar, mined now: the keeper reads the state after its own transaction
                if (held) rec.copyHeld(hold, t);
                held = false;
                execute(pending, t - 1, t, q, rec);
                lastRebalance = prices.timestamp(t);
                pending = null;
            }
            long drift;
            double navBefore = Double.NaN; // the holdings' NAV when this bar valued them (untaxed)
            if (held) {
                drift = hold.drift()[t];
            } else {
                if (tax != null) {
                    tax.policyUnits(t, q, units);
                } else {
                    navBefore = valueUnits(prices, t, q, units);
                }
                drift = Drift.maxAbs(units, targets);
            }
            boolean traded = false;
            boolean checkDate = checkEvery == 0 || (t > 0 && prices.timestamp(t) >= nextCheck);
            if (checkEvery > 0 && checkDate) {
                // one check however many dates a gap in the data skipped
                while (nextCheck <= prices.timestamp(t)) nextCheck += checkEvery;
            }
            // not asked, or asked and certainly NOT_DUE: the drift is all the bar needs (a sweep's common case)
            if (policy != null && checkDate && policy.due(drift, prices.timestamp(t), lastRebalance)) {
                if (held) policyUnits(t, q, tax, units);
                PortfolioSnapshot snapshot = snapshot(t, ids, units, targets, lastRebalance);
                Decision d = policy.decide(snapshot);
                drift = d.before().maxAbs();
                if (d.rebalance() && nextBar) {
                    pending = d;
                } else if (d.rebalance()) {
                    if (held) rec.copyHeld(hold, t);
                    held = false; // held implies untaxed, and an untaxed execution always trades
                    traded = true;
                    if (tax == null ? execute(d, t, t, q, rec) : executeTaxed(d, t, q, rec, tax, snapshot.gas())) {
                        lastRebalance = prices.timestamp(t);
                    }
                }
            }
            if (!held) recordBar(rec, t, q, drift, traded || Double.isNaN(navBefore) ? nav(t, q) : navBefore);
        }
        if (held) return null;
        if (tax != null) rec.tax = tax.outcome();
        return rec;
    }

    /** Quantities bought on the first bar: the capital at the targets, without cost. */
    static double[] initialHoldings(PriceSeries prices, BacktestConfig config) {
        double[] q = new double[config.size()];
        for (int i = 0; i < q.length; i++) q[i] = config.initialCapital() * config.weight(i) / prices.price(0, i);
        return q;
    }

    /** The holdings' values in policy units at bar {@code t}: rounded to the nearest unit (or the lots' view, taxed). */
    private void policyUnits(int t, double[] q, TaxedTrading tax, long[] units) {
        if (tax != null) {
            tax.policyUnits(t, q, units);
        } else {
            valueUnits(prices, t, q, units);
        }
    }

    /**
     * {@code units[i] = round(q[i] × price × ONE)}: the simulation's only double-to-integer boundary. Returns the
     * NAV, summed as {@link #nav(int, double[])} sums it (the same products in the same order).
     */
    static double valueUnits(PriceSeries prices, int t, double[] q, long[] units) {
        double nav = 0;
        for (int i = 0; i < q.length; i++) {
            double value = q[i] * prices.price(t, i);
            units[i] = Math.round(value * ValueUnits.ONE);
            nav += value;
        }
        return nav;
    }

    /** A taxed rebalance: {@link TaxedTrading} may defer it, change its trades, or find nothing left to trade. */
    private boolean executeTaxed(Decision d, int t, double[] q, Recorder rec, TaxedTrading tax, GasQuote gas) {
        if (tax.defers(d, t, q)) return false;
        TaxedTrading.Executed done = tax.execute(d, t, q, rec, gas);
        if (done == null) return false;
        payGas(done.gasCost(), t, q, rec, tax);
        rec.rebalances++;
        rec.calls += done.calls();
        rec.swaps += done.swaps();
        return true;
    }

    PortfolioSnapshot snapshot(int t, String[] ids, long[] units, long[] targets, long lastRebalance) {
        List<Asset> assets = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) assets.add(Asset.valued(ids[i], units[i], targets[i]));
        return new PortfolioSnapshot(assets, prices.timestamp(t), lastRebalance, gasQuote(t));
    }

    private GasQuote gasQuote(int t) {
        GasModel g = costs.gas();
        double nativePrice = nativeColumn < 0 ? g.nativePrice() : prices.price(t, nativeColumn);
        return new GasQuote(g.gasPriceWei(), g.perCall(), g.perSwap(), Math.round(nativePrice * ValueUnits.ONE));
    }

    /** Executes at bar {@code t} a plan decided at bar {@code decided}: the same quantities sold, at t's prices. */
    boolean execute(Decision d, int decided, int t, double[] q, Recorder rec) {
        for (Leg leg : d.plan().legs()) {
            double x = leg.value() / (double) ValueUnits.ONE;
            if (decided != t) x = x / prices.price(decided, leg.sellIndex()) * prices.price(t, leg.sellIndex());
            double impact = costs.impact(x);
            // a fixed cost larger than a small swap takes the swap, not more: holdings never go negative
            double fee = Math.min(execution.fee(costs, leg.sellIndex(), leg.buyIndex(), x), x - impact);
            q[leg.sellIndex()] = Math.max(0, q[leg.sellIndex()] - x / prices.price(t, leg.sellIndex()));
            q[leg.buyIndex()] += (x - fee - impact) / prices.price(t, leg.buyIndex());
            rec.tradedValue += x;
            rec.fees += fee;
            rec.impact += impact;
        }
        payGas(d.gasCost(), t, q, rec, null);
        rec.rebalances++;
        rec.calls += d.plan().calls();
        rec.swaps += d.plan().swaps();
        return true;
    }

    /** Takes {@code gasCost} (value units) from all holdings pro rata; a taxed run records those sales. */
    private void payGas(long gasCost, int t, double[] q, Recorder rec, TaxedTrading tax) {
        double gas = gasCost / (double) ValueUnits.ONE;
        double nav = nav(t, q);
        double paid = Math.min(gas, nav);
        double keep = nav > 0 ? 1 - paid / nav : 0;
        if (tax != null) tax.sellForGas(t, q, keep);
        for (int i = 0; i < q.length; i++) q[i] *= keep;
        rec.gas += paid;
    }

    /** {@code nav}: the holdings' NAV at bar {@code t} after its trades. */
    private void recordBar(Recorder rec, int t, double[] q, long drift, double nav) {
        double[] w = null;
        if (hold == null) {
            w = new double[q.length];
            for (int i = 0; i < q.length; i++) w[i] = nav > 0 ? q[i] * prices.price(t, i) / nav : 0;
        }
        rec.bar(t, drift / (double) FixedPoint.WAD, nav, w);
    }

    private double nav(int t, double[] q) {
        return nav(prices, t, q);
    }

    /** The holdings' NAV at bar {@code t}. */
    static double nav(PriceSeries prices, int t, double[] q) {
        double nav = 0;
        for (int i = 0; i < q.length; i++) nav += q[i] * prices.price(t, i);
        return nav;
    }

    /** Whether a plan decided at a close is executed at the next bar's ({@link Execution.Timing#NEXT_BAR}). */
    boolean nextBar() {
        return execution.timing() == Execution.Timing.NEXT_BAR;
    }
}

package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.RebalancePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs strategies over one price series with one cost model, side by side. Rebalancing strategies replay the
 * keeper's {@link RebalancePolicy} itself ({@link PolicyReplay}); a passive pool is simulated in closed form
 * ({@link PassivePoolSimulator}). Measures are defined in {@link Measures}.
 */
public final class BacktestEngine {
    private final PriceSeries prices;
    private final BacktestConfig config;
    private final CostModel costs;
    private final Execution execution;
    /** The target portfolio's per-bar returns, which every strategy's tracking error needs: computed once. */
    private final double[] targetReturns;
    /** Shared by the lean runs of {@link #measure}, made on first use; never for a taxed config (lots change what the policy sees). */
    private HoldPath hold;

    public BacktestEngine(PriceSeries prices, BacktestConfig config, CostModel costs) {
        this(prices, config, costs, Execution.DEFAULT);
    }

    /** With an execution timing, per-asset fee rates or a fixed cost per swap. */
    public BacktestEngine(PriceSeries prices, BacktestConfig config, CostModel costs, Execution execution) {
        if (prices.size() < 2) throw new IllegalArgumentException("a backtest needs at least two bars, got " + prices.size());
        if (config.size() != prices.assetCount()) {
            throw new IllegalArgumentException(config.size() + " target weights for " + prices.assetCount()
                    + " assets " + prices.assets());
        }
        String nativeAsset = costs.gas().nativeAsset();
        if (nativeAsset != null) prices.indexOf(nativeAsset); // fails naming the asset if absent
        TaxedTrading.check(config.tax(), prices, config.targets());
        this.prices = prices;
        this.config = config;
        this.costs = costs;
        this.execution = execution;
        if (execution.assetFeeRates() != null && execution.assetFeeRates().length != prices.assetCount()) {
            throw new IllegalArgumentException(execution.assetFeeRates().length + " asset fee rates for "
                    + prices.assetCount() + " assets");
        }
        if (config.taxed() && !execution.isDefault()) {
            // TaxedTrading books lots at the decision bar's prices with the cost model's fee
            throw new IllegalArgumentException("next-bar execution, per-asset fees and fixed costs are not supported "
                    + "with tax options yet");
        }
        this.targetReturns = Recorder.targetReturns(prices, config);
    }

    public BacktestResult run(Strategy strategy) {
        return switch (strategy) {
            case Strategy.BuyAndHold s -> new PolicyReplay(prices, config, costs, execution, targetReturns).run(s.name(), null);
            case Strategy.Rebalancing s ->
                    new PolicyReplay(prices, config, costs, execution, targetReturns)
                    .run(s.name(), new RebalancePolicy(s.params()), s.checkEvery());
            case Strategy.PassivePool s -> new PassivePoolSimulator(prices, config, targetReturns).run(s);
        };
    }

    /**
     * {@code run(strategy).measures()}, equal to it, without keeping per-bar weights and reusing the buy-and-hold
     * path up to a strategy's first trade: what a Monte Carlo sweep, which keeps only measures, runs.
     */
    public Measures measure(Strategy strategy) {
        if (config.taxed() || !(strategy instanceof Strategy.Rebalancing s)) return run(strategy).measures();
        if (hold == null) hold = HoldPath.of(prices, config, targetReturns);
        return new PolicyReplay(prices, config, costs, execution, targetReturns, hold)
                .measure(s.name(), new RebalancePolicy(s.params()), s.checkEvery());
    }

    /**
     * {@code measure(s)} of every strategy, in order: the untaxed rebalancing ones replayed together
     * ({@link SharedReplay}, which values each distinct portfolio once per bar), the others one by one.
     */
    public Measures[] measureAll(List<Strategy> strategies) {
        Measures[] out = new Measures[strategies.size()];
        List<Strategy.Rebalancing> shared = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k < out.length; k++) {
            if (!config.taxed() && strategies.get(k) instanceof Strategy.Rebalancing s) {
                shared.add(s);
                at.add(k);
            } else {
                out[k] = measure(strategies.get(k));
            }
        }
        if (shared.isEmpty()) return out;
        Measures[] replayed = new SharedReplay(prices, config, costs, execution, targetReturns, shared).measure();
        for (int k = 0; k < replayed.length; k++) out[at.get(k)] = replayed[k];
        return out;
    }

    public List<BacktestResult> runAll(List<Strategy> strategies) {
        return strategies.stream().map(this::run).toList();
    }
}

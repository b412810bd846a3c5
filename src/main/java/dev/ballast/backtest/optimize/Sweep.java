package dev.ballast.backtest.optimize;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestEngine;
import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Execution;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.report.Frontier;
import dev.ballast.backtest.report.FrontierPoint;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Runs many settings over one price series on all cores, in the settings' order. */
public final class Sweep {
    private Sweep() {}

    /** One result per strategy, in order; {@code onDone} is called once per finished strategy (from any thread). */
    public static List<BacktestResult> run(PriceSeries prices, BacktestConfig config, CostModel costs,
                                           List<Strategy> strategies, Runnable onDone) {
        return run(prices, config, costs, Execution.DEFAULT, strategies, onDone);
    }

    /** {@link #run(PriceSeries, BacktestConfig, CostModel, List, Runnable)} with an {@link Execution}. */
    public static List<BacktestResult> run(PriceSeries prices, BacktestConfig config, CostModel costs,
                                           Execution execution, List<Strategy> strategies, Runnable onDone) {
        BacktestEngine engine = new BacktestEngine(prices, config, costs, execution);
        return strategies.parallelStream().map(s -> {
            BacktestResult r = engine.run(s);
            onDone.run();
            return r;
        }).toList();
    }

    /** Turnover against tracking error, dominated settings marked. */
    public static List<FrontierPoint> turnoverFrontier(List<BacktestResult> results) {
        return frontier(results, r -> r.measures().turnover());
    }

    /**
     * Execution cost (annual drag, as a fraction) against tracking error, dominated settings marked. The point's
     * {@code turnover} field carries the cost here.
     */
    public static List<FrontierPoint> costFrontier(List<BacktestResult> results) {
        return frontier(results, r -> r.measures().executionCostBps() / 1e4);
    }

    private static List<FrontierPoint> frontier(List<BacktestResult> results, ToDoubleFunction<BacktestResult> x) {
        return Frontier.markDominated(results.stream().map(r -> new FrontierPoint(r.strategy(), x.applyAsDouble(r),
                r.measures().trackingError(), false)).toList());
    }
}

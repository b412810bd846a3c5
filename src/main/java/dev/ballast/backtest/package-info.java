/**
 * The backtest engine: replays the keeper's own {@link dev.ballast.policy.RebalancePolicy} over historical or
 * synthetic prices ({@link dev.ballast.backtest.data.PriceSeries}) and measures what each strategy would have done.
 *
 * <p>{@link dev.ballast.backtest.BacktestEngine} runs {@link dev.ballast.backtest.Strategy strategies} side by side:
 * buy-and-hold, calendar rebalancing (daily to annual), threshold bands, calendar-plus-band in both of the policy's
 * combined modes, and a passive weighted pool. Costs come from a {@link dev.ballast.backtest.CostModel} (swap fee,
 * constant-product price impact, gas); the measures are defined in {@link dev.ballast.backtest.Measures}.
 *
 * <p>Prices, holdings and statistics are doubles: they are a simulation, not on-chain amounts. Where the simulation
 * meets the policy, values are rounded to the policy's integer value units, so the decision code is the exact code
 * the keeper runs. {@code data} loads and generates prices; {@code report} and {@code tax} format and post-process
 * results.
 */
package dev.ballast.backtest;

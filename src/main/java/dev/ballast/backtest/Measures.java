package dev.ballast.backtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one backtest measured. Values are in the numeraire; fractions are plain ({@code 0.05 = 5%}). A year is 365.25
 * days; "periods" are the bars of the price series, {@code periodsPerYear = (bars − 1) / years}.
 *
 * @param maxDrift          largest max-|weight − target| seen on any bar, measured at the close before trading
 * @param averageDrift      mean over bars of that max-|weight − target|
 * @param tradedValue       total one-way turnover: value sold over the run
 * @param turnover          annualised one-way turnover: {@code tradedValue / average NAV / years}
 * @param fees              swap fees paid
 * @param impact            price-impact cost paid
 * @param gas               gas paid
 * @param arbitrageLoss     (pools) value lost to arbitrageurs against rebalancing at market prices: per bar, pool
 *                          value × (weighted arithmetic growth − weighted geometric growth)
 * @param feesEarned        (pools) swap fees the pool earned
 * @param executionCost     {@code fees + impact + gas + arbitrageLoss − feesEarned}
 * @param executionCostBps  execution cost as an annual drag: {@code executionCost / average NAV / years × 1e4}
 * @param costPerTradeBps   {@code (fees + impact + gas) / tradedValue × 1e4} (NaN when nothing traded)
 * @param trackingError     annualised sample standard deviation of (strategy return − target return) per bar, the
 *                          target return being {@code Σ w_i (p_i,t / p_i,t−1) − 1}: the portfolio rebalanced to
 *                          target at every bar without cost
 * @param totalReturn       {@code final NAV / initial NAV − 1}
 * @param annualizedReturn  {@code (final / initial)^(1/years) − 1}
 * @param volatility        annualised sample standard deviation of per-bar returns
 * @param sharpe            {@code (mean per-bar return × periodsPerYear − riskFreeRate) / volatility}
 * @param maxDrawdown       largest fall of NAV from a running peak, fraction of the peak
 * @param rebalances        rebalances executed (each may take several vault calls)
 * @param calls             vault calls executed
 * @param swaps             swaps executed
 * @param gasShareOfReturn  {@code gas / (final NAV − initial NAV + gas)}: the part of the pre-gas gain that gas took
 *                          (NaN when there was no pre-gas gain)
 */
public record Measures(
        double maxDrift,
        double averageDrift,
        double tradedValue,
        double turnover,
        double fees,
        double impact,
        double gas,
        double arbitrageLoss,
        double feesEarned,
        double executionCost,
        double executionCostBps,
        double costPerTradeBps,
        double trackingError,
        double totalReturn,
        double annualizedReturn,
        double volatility,
        double sharpe,
        double maxDrawdown,
        int rebalances,
        int calls,
        int swaps,
        double gasShareOfReturn) {

    public static final long SECONDS_PER_YEAR = 31_557_600L;

    /** The display names of {@link #asMap()}, in its order. */
    public static final List<String> NAMES = List.of("return %", "annualized return %", "volatility %", "sharpe",
            "max drawdown %", "tracking error %", "max drift %", "average drift %", "turnover %/yr", "rebalances",
            "swaps", "fees", "impact", "gas", "arbitrage loss", "fees earned", "execution cost",
            "execution cost bps/yr", "cost per trade bps", "gas share of return %");

    /** The values of {@link #asMap()} in {@link #NAMES} order, without building a map (a sweep's inner loop). */
    public double[] values() {
        return new double[] {totalReturn * 100, annualizedReturn * 100, volatility * 100, sharpe, maxDrawdown * 100,
                trackingError * 100, maxDrift * 100, averageDrift * 100, turnover * 100, rebalances, swaps, fees, impact,
                gas, arbitrageLoss, feesEarned, executionCost, executionCostBps, costPerTradeBps,
                gasShareOfReturn * 100};
    }

    /** The measures by display name, in a stable order (for report rows). */
    public Map<String, Double> asMap() {
        double[] v = values();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < v.length; k++) m.put(NAMES.get(k), v[k]);
        return m;
    }
}

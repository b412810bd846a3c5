package dev.ballast.backtest;

import static dev.ballast.backtest.Bars.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.tax.LotSelection;
import dev.ballast.backtest.tax.TaxRates;
import dev.ballast.backtest.tax.TaxRules;
import dev.ballast.backtest.tax.TaxSettings;
import dev.ballast.policy.PolicyParams;
import org.junit.jupiter.api.Test;

/**
 * Execution timing and per-swap costs by hand. Prices: A 1 → 2 → 2, B 1 → 1 → 0.5; 100 invested 50/50. Daily
 * calendar: on day 1 (100 A + 50 B) the policy sells 25 of A (12.5 units) for B.
 */
class ExecutionTimingTest {
    private static final PriceSeries THREE_DAYS = daily(new double[] {1, 1}, new double[] {2, 1}, new double[] {2, 0.5});
    private static final BacktestConfig HALF_HALF = BacktestConfig.of(100, 0, 0.5, 0.5);
    private static final Strategy DAILY = Strategies.calendar(CalendarPeriod.DAILY, PolicyParams.builder().build());

    private static BacktestResult run(PriceSeries prices, Execution execution) {
        return new BacktestEngine(prices, HALF_HALF, CostModel.FREE, execution).run(DAILY);
    }

    @Test
    void sameBarExecutesAtTheCloseTheDecisionSaw() {
        // day 1: 37.5 A + 75 B (B bought at 1); day 2: 75 + 37.5 = 112.5, then rebalanced again
        BacktestResult r = run(THREE_DAYS, Execution.DEFAULT);
        assertThat(r.nav()).containsExactly(new double[] {100, 150, 112.5}, within(1e-6));
        assertThat(r.measures().rebalances()).isEqualTo(2);
    }

    @Test
    void nextBarSellsTheDecidedQuantitiesAtTheNextClose() {
        // decided on day 1 (sell 12.5 A), mined on day 2: 12.5 A × 2 = 25 buys 50 B at 0.5:
        // 37.5 A (75) + 100 B (50) = 125. The day-2 policy sees a rebalance just made: not due again.
        BacktestResult r = run(THREE_DAYS, new Execution(Execution.Timing.NEXT_BAR, null, 0));
        assertThat(r.nav()).containsExactly(new double[] {100, 150, 125}, within(1e-6));
        assertThat(r.measures().rebalances()).isEqualTo(1);
        assertThat(r.measures().tradedValue()).isCloseTo(25, within(1e-6));
        assertThat(r.weights()[1]).containsExactly(new double[] {100.0 / 150, 50.0 / 150}, within(1e-9));
        assertThat(r.weights()[2]).containsExactly(new double[] {0.6, 0.4}, within(1e-9));
    }

    @Test
    void nextBarRevaluesTheSoldQuantityAtTheExecutionPrice() {
        // A 1 → 2 → 4: the 12.5 A decided on day 1 are worth 50 when sold on day 2
        PriceSeries rising = daily(new double[] {1, 1}, new double[] {2, 1}, new double[] {4, 1});
        BacktestResult r = run(rising, new Execution(Execution.Timing.NEXT_BAR, null, 0));
        assertThat(r.measures().tradedValue()).isCloseTo(50, within(1e-6));
        assertThat(r.weights()[2]).containsExactly(new double[] {0.6, 0.4}, within(1e-9)); // 150 A, 100 B
    }

    @Test
    void aDecisionOnTheLastBarIsNeverExecuted() {
        BacktestResult r = run(THREE_DAYS.slice(0, 2), new Execution(Execution.Timing.NEXT_BAR, null, 0));
        assertThat(r.measures().rebalances()).isZero();
        assertThat(r.nav()).containsExactly(new double[] {100, 150}, within(1e-9));
    }

    @Test
    void perAssetFeesAreAveragedOverTheSwapAndTheFixedCostIsAdded() {
        // day 1 sells 25 of A for B: A 1%, B 3% -> 2% of 25 = 0.5, + 0.1 fixed; B (50) receives 24.4
        BacktestResult r = run(THREE_DAYS.slice(0, 2), new Execution(Execution.Timing.SAME_BAR, new double[] {0.01, 0.03}, 0.1));
        assertThat(r.measures().fees()).isCloseTo(0.6, within(1e-9));
        assertThat(r.finalNav()).isCloseTo(75 + 50 + 24.4, within(1e-9));
    }

    @Test
    void aFixedCostLargerThanTheSwapTakesTheSwapAndNoMore() {
        // 25 of A sold, 100 fixed: the fee is capped at the 25, B receives nothing, nothing goes negative
        BacktestResult r = run(THREE_DAYS.slice(0, 2), new Execution(Execution.Timing.SAME_BAR, null, 100));
        assertThat(r.measures().fees()).isCloseTo(25, within(1e-9));
        assertThat(r.finalNav()).isCloseTo(125, within(1e-9));
        assertThat(r.weights()[1]).containsExactly(new double[] {0.6, 0.4}, within(1e-9));
    }

    @Test
    void equalAssetRatesAreTheSameAsOneSwapFee() {
        CostModel onePercent = new CostModel(0.01, Double.POSITIVE_INFINITY, GasModel.NONE);
        BacktestResult swapFee = new BacktestEngine(THREE_DAYS, HALF_HALF, onePercent).run(DAILY);
        BacktestResult perAsset = new BacktestEngine(THREE_DAYS, HALF_HALF, CostModel.FREE,
                new Execution(Execution.Timing.SAME_BAR, new double[] {0.01, 0.01}, 0)).run(DAILY);
        assertThat(perAsset.nav()).containsExactly(swapFee.nav(), within(1e-12));
    }

    @Test
    void refusesWhatItDoesNotModel() {
        assertThatThrownBy(() -> new BacktestEngine(THREE_DAYS, HALF_HALF, CostModel.FREE,
                new Execution(Execution.Timing.SAME_BAR, new double[] {0.01}, 0)))
                .hasMessageContaining("1 asset fee rates for 2 assets");
        TaxSettings lots = TaxSettings.lotsOnly(LotSelection.FIFO, new TaxRules(365, 30), new TaxRates(0.37, 0.2));
        assertThatThrownBy(() -> new BacktestEngine(THREE_DAYS, HALF_HALF.withTax(lots), CostModel.FREE,
                new Execution(Execution.Timing.NEXT_BAR, null, 0))).hasMessageContaining("tax");
    }
}

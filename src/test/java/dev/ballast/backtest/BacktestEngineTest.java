package dev.ballast.backtest;

import static dev.ballast.backtest.Bars.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed two-asset cases. Prices: A 1 → 2 → 2, B 1 → 1 → 0.5; 100 invested 50/50 (50 A, 50 B).
 * The target portfolio's bar returns are 0.5·2 + 0.5·1 − 1 = +50% and 0.5·1 + 0.5·0.5 − 1 = −25%.
 */
class BacktestEngineTest {
    private static final double EPS = 1e-9;
    private static final PriceSeries THREE_DAYS = daily(new double[] {1, 1}, new double[] {2, 1}, new double[] {2, 0.5});
    private static final BacktestConfig HALF_HALF = BacktestConfig.of(100, 0, 0.5, 0.5);
    private static final double PPY = 365.25; // two daily periods over two days
    private static final PolicyParams BASE = PolicyParams.builder().build();

    private static BacktestResult run(Strategy s, CostModel costs) {
        return new BacktestEngine(THREE_DAYS, HALF_HALF, costs).run(s);
    }

    @Nested
    class BuyAndHold {
        private final BacktestResult r = run(Strategies.buyAndHold(), CostModel.FREE);
        private final Measures m = r.measures();

        @Test
        void navFollowsTheHoldings() {
            // 50 A + 50 B: 100, 150, 125
            assertThat(r.nav()).containsExactly(new double[] {100, 150, 125}, within(EPS));
            assertThat(m.totalReturn()).isCloseTo(0.25, within(EPS));
            assertThat(m.annualizedReturn()).isCloseTo(Math.pow(1.25, 365.25 / 2) - 1, within(1e-6));
            assertThat(m.maxDrawdown()).isCloseTo(25.0 / 150, within(EPS));
        }

        @Test
        void neverTrades() {
            assertThat(m.turnover()).isZero();
            assertThat(m.tradedValue()).isZero();
            assertThat(m.rebalances()).isZero();
            assertThat(m.executionCost()).isZero();
            assertThat(m.costPerTradeBps()).isNaN();
        }

        @Test
        void driftGrowsAsAOutgrowsB() {
            // weights of A: 1/2, 100/150, 100/125
            assertThat(r.drift()).containsExactly(new double[] {0, 1.0 / 6, 0.3}, within(1e-12));
            assertThat(m.maxDrift()).isCloseTo(0.3, within(1e-12));
            assertThat(m.averageDrift()).isCloseTo((1.0 / 6 + 0.3) / 3, within(1e-12));
            assertThat(r.weights()[2]).containsExactly(new double[] {0.8, 0.2}, within(EPS));
        }

        @Test
        void returnStatistics() {
            // bar returns +50%, -1/6; target +50%, -25%: differences 0 and 1/12
            assertThat(m.trackingError()).isCloseTo(Math.sqrt(1.0 / 288) * Math.sqrt(PPY), within(EPS));
            double std = Math.abs(0.5 + 1.0 / 6) / Math.sqrt(2);
            assertThat(m.volatility()).isCloseTo(std * Math.sqrt(PPY), within(EPS));
            assertThat(m.sharpe()).isCloseTo((1.0 / 6) * PPY / (std * Math.sqrt(PPY)), within(EPS));
        }
    }

    @Nested
    class CalendarDailyWithoutCosts {
        private final BacktestResult r = run(Strategies.calendar(CalendarPeriod.DAILY, BASE), CostModel.FREE);
        private final Measures m = r.measures();

        @Test
        void rebalancesEveryBarAndTracksTheTarget() {
            // day 1: 100 A + 50 B -> sell 25 of A: 37.5 A, 75 B; day 2: 75 + 37.5 = 112.5 -> sell 18.75 of A
            assertThat(r.nav()).containsExactly(new double[] {100, 150, 112.5}, within(1e-6));
            assertThat(m.rebalances()).isEqualTo(2);
            assertThat(m.swaps()).isEqualTo(2);
            assertThat(m.tradedValue()).isCloseTo(25 + 18.75, within(1e-6));
            assertThat(m.trackingError()).isLessThan(1e-8);
            assertThat(r.weights()[2]).containsExactly(new double[] {0.5, 0.5}, within(1e-9));
        }

        @Test
        void turnoverIsOneWayValueOverAverageNavPerYear() {
            double averageNav = (100 + 150 + 112.5) / 3;
            assertThat(m.turnover()).isCloseTo(43.75 / averageNav / (2 / 365.25), within(1e-5));
        }
    }

    @Test
    void bandRebalancesOnlyWhenTheBandIsCrossed() {
        // drift 16.7% on day 1 stays inside a 20% band; 30% on day 2 crosses it
        BacktestResult r = run(Strategies.band(FixedPoint.WAD / 5, BASE), CostModel.FREE);
        assertThat(r.measures().rebalances()).isEqualTo(1);
        assertThat(r.nav()).containsExactly(new double[] {100, 150, 125}, within(1e-6));
        assertThat(r.weights()[2]).containsExactly(new double[] {0.5, 0.5}, within(1e-9));
        assertThat(r.measures().tradedValue()).isCloseTo(37.5, within(1e-6));
    }

    @Test
    void feesImpactAndGasAreChargedAsModelled() {
        // Two bars. Day 1 sells 25 of A: fee 1% = 0.25; impact 25² / (100 + 25) = 5; B receives 19.75.
        // Gas: 100k gas × 1 gwei = 1e-4 native × 1000 = 0.1, taken pro rata from 75 + 69.75 = 144.75.
        PriceSeries twoDays = THREE_DAYS.slice(0, 2);
        CostModel costs = new CostModel(0.01, 100, GasModel.constant(100_000, 0, 1_000_000_000L, 1000));
        BacktestResult r = new BacktestEngine(twoDays, HALF_HALF, costs)
                .run(Strategies.calendar(CalendarPeriod.DAILY, BASE));
        Measures m = r.measures();

        assertThat(m.fees()).isCloseTo(0.25, within(1e-9));
        assertThat(m.impact()).isCloseTo(5, within(1e-9));
        assertThat(m.gas()).isCloseTo(0.1, within(1e-12));
        assertThat(r.finalNav()).isCloseTo(144.65, within(1e-9));
        assertThat(m.executionCost()).isCloseTo(5.35, within(1e-9));
        assertThat(m.costPerTradeBps()).isCloseTo(5.35 / 25 * 1e4, within(1e-6));
        assertThat(m.executionCostBps()).isCloseTo(5.35 / ((100 + 144.65) / 2) / (1 / 365.25) * 1e4, within(1e-4));
        assertThat(m.gasShareOfReturn()).isCloseTo(0.1 / (44.65 + 0.1), within(1e-12));
        assertThat(m.calls()).isEqualTo(1);
    }

    @Test
    void gasCanBePricedFromTheSeries() {
        // native token = asset A, worth 2 on day 1: 1e-4 native × 2 = 0.0002
        PriceSeries twoDays = THREE_DAYS.slice(0, 2);
        CostModel costs = new CostModel(0, Double.POSITIVE_INFINITY, GasModel.priced(100_000, 0, 1_000_000_000L, "A"));
        Measures m = new BacktestEngine(twoDays, HALF_HALF, costs)
                .run(Strategies.calendar(CalendarPeriod.DAILY, BASE)).measures();
        assertThat(m.gas()).isCloseTo(0.0002, within(1e-12));
    }

    @Test
    void policyGasCheckSkipsRebalancesThatCostMoreThanTheyFix() {
        // 0.1 of gas against 1% of 25 = 0.25 passes; with correctionBenefit 0.1% (0.025) it is skipped.
        PriceSeries twoDays = THREE_DAYS.slice(0, 2);
        CostModel costs = new CostModel(0, Double.POSITIVE_INFINITY, GasModel.constant(100_000, 0, 1_000_000_000L, 1000));
        PolicyParams stingy = BASE.toBuilder().correctionBenefit(FixedPoint.WAD / 1000).build();
        Measures m = new BacktestEngine(twoDays, HALF_HALF, costs)
                .run(Strategies.calendar(CalendarPeriod.DAILY, stingy)).measures();
        assertThat(m.rebalances()).isZero();
        assertThat(m.gas()).isZero();
    }

    @Test
    void rejectsMismatchedInputs() {
        assertThatThrownBy(() -> new BacktestEngine(THREE_DAYS, BacktestConfig.equalWeights(100, 3), CostModel.FREE))
                .hasMessageContaining("3 target weights for 2 assets");
        CostModel unknownNative = new CostModel(0, 1, GasModel.priced(1, 1, 1, "ETH"));
        assertThatThrownBy(() -> new BacktestEngine(THREE_DAYS, HALF_HALF, unknownNative)).hasMessageContaining("ETH");
        assertThatThrownBy(() -> BacktestConfig.of(1e11, 0, 1, 1)).hasMessageContaining("initialCapital");
    }
}

package dev.ballast.backtest;

import static dev.ballast.backtest.Bars.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.PriceSeries;
import org.junit.jupiter.api.Test;

class PassivePoolTest {
    private static final PriceSeries THREE_DAYS = daily(new double[] {1, 1}, new double[] {2, 1}, new double[] {2, 0.5});

    @Test
    void withoutFeesValueIsTheWeightedGeometricMeanOfPrices() {
        BacktestResult r = new BacktestEngine(THREE_DAYS, BacktestConfig.of(100, 0, 0.5, 0.5), CostModel.FREE)
                .run(Strategies.passivePool(0, 0));
        // 100 × sqrt(2 × 1), 100 × sqrt(2 × 0.5)
        assertThat(r.nav()).containsExactly(new double[] {100, 100 * Math.sqrt(2), 100}, within(1e-9));
        // day 1: rebalancing at market would give 150; the pool has 141.42; day 2: 141.42 × (0.75 − 0.7071)
        double day2 = 100 * Math.sqrt(2) * (0.75 - Math.sqrt(0.5));
        assertThat(r.measures().arbitrageLoss()).isCloseTo(150 - 100 * Math.sqrt(2) + day2, within(1e-9));
        assertThat(r.measures().maxDrift()).isZero();
    }

    @Test
    void closedFormHoldsOnALongRandomWalkWithUnequalWeights() {
        PriceSeries prices = Bars.randomWalk(7, 3, 500);
        double[] w = {0.5, 0.3, 0.2};
        BacktestResult r = new BacktestEngine(prices, BacktestConfig.of(1_000, 0, w), CostModel.FREE)
                .run(Strategies.passivePool(0, 0));
        for (int t = 0; t < prices.size(); t += 50) {
            double closedForm = 1_000;
            for (int i = 0; i < 3; i++) closedForm *= Math.pow(prices.price(t, i) / prices.price(0, i), w[i]);
            assertThat(r.nav()[t]).isCloseTo(closedForm, within(closedForm * 1e-9));
        }
    }

    @Test
    void feesAreEarnedOnArbitrageInflowAndOtherVolume() {
        // Day 1: the pool goes from 50 A + 50 B to 35.36 A + 70.71 B: arbitrageurs put in 20.71 of B.
        // Other volume 10% of value per day. Fee 0.3% on both.
        PriceSeries twoDays = THREE_DAYS.slice(0, 2);
        BacktestResult r = new BacktestEngine(twoDays, BacktestConfig.of(100, 0, 0.5, 0.5), CostModel.FREE)
                .run(Strategies.passivePool(0.003, 0.1));
        double after = 100 * Math.sqrt(2);
        double arbIn = 0.5 * (after - 100);
        double earned = 0.003 * (arbIn + 0.1 * after);
        assertThat(r.measures().feesEarned()).isCloseTo(earned, within(1e-12));
        assertThat(r.measures().tradedValue()).isCloseTo(arbIn, within(1e-12));
        assertThat(r.finalNav()).isCloseTo(after + earned, within(1e-9));
        assertThat(r.measures().executionCost()).isCloseTo(150 - after - earned, within(1e-9));
    }
}

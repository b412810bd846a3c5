package dev.ballast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the engine on seeded random walks and random strategies. */
class BacktestEnginePropertiesTest {
    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    private static BacktestConfig randomTargets(SplittableRandom r, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = r.nextDouble(0.05, 1);
        return BacktestConfig.of(r.nextDouble(1_000, 10_000_000), 0, w);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withoutCostsTradingNeverChangesValueAndLandsOnTarget(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = r.nextInt(2, 7);
        PriceSeries prices = Bars.randomWalk(seed, n, r.nextInt(30, 400));
        BacktestConfig config = randomTargets(r, n);
        List<Strategy> all = Strategies.standardSet(PolicyParams.builder().build(), 0, 0);
        Strategy s = all.get(1 + r.nextInt(all.size() - 2)); // a rebalancing strategy
        BacktestEngine engine = new BacktestEngine(prices, config, CostModel.FREE);
        BacktestResult rebalanced = engine.run(s);
        BacktestResult held = engine.run(Strategies.buyAndHold());

        for (int t = 0; t < prices.size(); t++) {
            for (double w : rebalanced.weights()[t]) assertThat(w).isBetween(0.0, 1.0);
            // NAV is what the holdings of the previous bar are worth now: trading at the close moves no value
            if (t > 0) {
                double carried = 0;
                for (int i = 0; i < n; i++) {
                    carried += rebalanced.weights()[t - 1][i] * rebalanced.nav()[t - 1]
                            * prices.price(t, i) / prices.price(t - 1, i);
                }
                assertThat(rebalanced.nav()[t]).isCloseTo(carried, within(carried * 1e-9));
            }
        }
        Measures m = rebalanced.measures();
        assertThat(m.executionCost()).isZero();
        assertThat(m.turnover()).isGreaterThanOrEqualTo(0);
        assertThat(held.measures().rebalances()).isZero();
        BacktestResult daily = engine.run(Strategies.calendar(CalendarPeriod.DAILY, PolicyParams.builder().build()));
        for (int t = 1; t < prices.size(); t++) {
            for (int i = 0; i < n; i++) assertThat(daily.weights()[t][i]).isCloseTo(config.weight(i), within(1e-6));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void buyAndHoldValueIsTheHoldingsAtEachPrice(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = r.nextInt(2, 7);
        PriceSeries prices = Bars.randomWalk(seed + 1000, n, r.nextInt(2, 300));
        BacktestConfig config = randomTargets(r, n);
        BacktestResult held = new BacktestEngine(prices, config, CostModel.FREE).run(Strategies.buyAndHold());
        int end = prices.size() - 1;
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += config.initialCapital() * config.weight(i) * prices.price(end, i) / prices.price(0, i);
        }
        assertThat(held.finalNav()).isCloseTo(expected, within(expected * 1e-12));
        assertThat(held.measures().tradedValue()).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRebalanceCostsExactlyItsFeesImpactAndGas(long seed) {
        // Two bars, one rebalance at the last close: with costs the portfolio ends lower by exactly what they took.
        SplittableRandom r = new SplittableRandom(seed);
        PriceSeries prices = Bars.randomWalk(seed + 2000, 3, 2);
        BacktestConfig config = randomTargets(r, 3);
        Strategy daily = Strategies.calendar(CalendarPeriod.DAILY,
                PolicyParams.builder().correctionBenefit(FixedPoint.WAD).build());
        CostModel costs = new CostModel(r.nextDouble(0, 0.01), r.nextDouble(1e3, 1e8),
                GasModel.constant(100_000, 50_000, 1_000_000_000L, 1));
        BacktestResult free = new BacktestEngine(prices, config, CostModel.FREE).run(daily);
        BacktestResult paid = new BacktestEngine(prices, config, costs).run(daily);
        Measures m = paid.measures();
        assertThat(m.rebalances()).isEqualTo(1);
        assertThat(m.fees() + m.impact() + m.gas()).isPositive();
        assertThat(paid.finalNav()).isCloseTo(free.finalNav() - m.fees() - m.impact() - m.gas(),
                within(free.finalNav() * 1e-9));
    }
}

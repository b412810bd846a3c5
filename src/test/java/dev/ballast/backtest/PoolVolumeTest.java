package dev.ballast.backtest;

import static dev.ballast.backtest.Bars.DAY;
import static dev.ballast.backtest.Bars.T0;
import static dev.ballast.backtest.Bars.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.PriceSeries;
import org.junit.jupiter.api.Test;

class PoolVolumeTest {
    @Test
    void constantVolumeIsPerDayTimesDays() {
        assertThat(PoolVolume.constant(0.05).between(T0, T0 + 2 * DAY)).isCloseTo(0.1, within(1e-15));
        assertThat(PoolVolume.NONE.between(T0, T0 + 30 * DAY)).isZero();
        assertThat(PoolVolume.constant(0.05).label()).isEqualTo("5%/day volume");
    }

    @Test
    void aSeriesSumsItsDaysInsideTheBarAndAMissingDayTradesNothing() {
        PoolVolume v = PoolVolume.series(new long[] {T0 + DAY, T0 + 2 * DAY, T0 + 4 * DAY},
                new double[] {0.1, 0.2, 0.3}, "vol.csv");
        assertThat(v.between(T0, T0 + 2 * DAY)).isCloseTo(0.3, within(1e-15)); // days 1 and 2
        assertThat(v.between(T0 + 2 * DAY, T0 + 3 * DAY)).isZero();              // day 3 absent
        assertThat(v.between(T0 + 2 * DAY, T0 + 4 * DAY)).isCloseTo(0.3, within(1e-15));
        assertThat(v.label()).isEqualTo("volume from vol.csv");
    }

    @Test
    void thePoolEarnsItsFeeOnTheVolumeGiven() {
        // flat prices: no arbitrage, so the only income is fee × volume × value: 100 × 0.003 × 0.5 on day 1
        PriceSeries flat = daily(new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 1});
        BacktestEngine engine = new BacktestEngine(flat, BacktestConfig.of(100, 0, 0.5, 0.5), CostModel.FREE);
        PoolVolume series = PoolVolume.series(new long[] {T0 + DAY}, new double[] {0.5}, "x");
        BacktestResult r = engine.run(Strategies.passivePool(0.003, series));
        assertThat(r.nav()).containsExactly(new double[] {100, 100.15, 100.15}, within(1e-9));
        assertThat(engine.run(Strategies.passivePool(0.003, PoolVolume.NONE)).finalNav()).isCloseTo(100, within(1e-9));
        assertThat(r.strategy()).isEqualTo("weighted pool 0.3% fee, volume from x");
    }
}

package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.Measures;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.Regime;
import dev.ballast.backtest.data.RegimePath;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineReportsTest {
    private static final long DAY = 86_400;

    static Measures measures(double turnover, double trackingError, double fees, double impact, double gas,
                             double arbitrage, double earned) {
        return new Measures(0.05, 0.02, 1000, turnover, fees, impact, gas, arbitrage, earned,
                fees + impact + gas + arbitrage - earned, 12, 30, trackingError, 0.1, 0.05, 0.2, 0.5, 0.3, 4, 4, 8,
                0.01);
    }

    static BacktestResult result(String name, double turnover, double te) {
        return new BacktestResult(name, List.of("A", "B"), new long[] {0, DAY, 2 * DAY, 3 * DAY},
                new double[] {100, 110, 99, 108.9}, new double[] {0, 0.1, 0.2, 0.3},
                new double[][] {{0.5, 0.5}, {0.6, 0.4}, {0.5, 0.5}, {0.55, 0.45}},
                measures(turnover, te, 3, 2, 1, 0, 0.5));
    }

    @Test
    void buildsRowsFrontierCostsAndLimitedSeries() {
        List<BacktestResult> rs = List.of(result("band 5%", 0.10, 0.02), result("monthly", 0.30, 0.03),
                result("band 10%", 0.05, 0.04));
        ReportData d = EngineReports.from("t", rs, 2).build();
        assertThat(d.strategies()).extracting(StrategyRow::name).containsExactly("band 5%", "monthly", "band 10%");
        assertThat(d.strategies().getFirst().measure("tracking error %")).isEqualTo(2.0);
        assertThat(d.frontier()).extracting(FrontierPoint::dominated).containsExactly(false, true, false);
        CostBreakdown c = d.costs().getFirst();
        assertThat(c.components()).containsEntry("swap fees", 3.0).containsEntry("fees earned", -0.5);
        assertThat(c.total()).isEqualTo(5.5); // 3 + 2 + 1 + 0 - 0.5, the engine's execution cost
        assertThat(c.total()).isEqualTo(rs.getFirst().measures().executionCost());
        assertThat(d.drift()).hasSize(2);
        assertThat(d.weights()).extracting(WeightSeries::strategy).containsExactly("band 5%", "monthly");
    }

    @Test
    void splitsResultsByRegime() {
        BacktestResult r = result("x", 0.1, 0.01);
        PriceSeries s = new PriceSeries(List.of("A"), r.timestamps(), new double[][] {{1}, {1}, {1}, {1}});
        RegimePath path = new RegimePath(s, List.of(new Regime("bull", 0, 0.1, 0), new Regime("bear", 0, 0.1, 0)),
                new int[] {0, 0, 1, 0});
        List<RegimeSplit> splits = EngineReports.byRegime(List.of(r), path);
        assertThat(splits).extracting(RegimeSplit::regime).containsExactly("bull", "bear");
        // Daily bars with a 365.25-day year: 365.25 periods a year. Bull bars t=1 and t=3 both return +10%.
        RegimeSplit bull = splits.get(0);
        assertThat(bull.measures().get("bars")).isEqualTo(2);
        assertThat(bull.measures().get("annualized log return %")).isCloseTo(Math.log(1.1) * 365.25 * 100, within(1e-9));
        assertThat(bull.measures().get("volatility %")).isCloseTo(0, within(1e-6));
        assertThat(bull.measures().get("average drift %")).isCloseTo(20, within(1e-9));
        RegimeSplit bear = splits.get(1);
        assertThat(bear.measures().get("annualized log return %")).isCloseTo(Math.log(0.9) * 365.25 * 100, within(1e-9));
        assertThat(bear.measures().get("volatility %")).isNaN(); // one bar has no sample deviation
    }

    @Test
    void chartsBuyAndHoldThenTheFrontierThenTheRest() {
        List<BacktestResult> rs = List.of(result("calendar daily", 0.90, 0.001), result("calendar weekly", 0.95, 0.002),
                result("buy-and-hold", 0, 0.05), result("band 20%", 0, 0.05), result("band 5%", 0.10, 0.01),
                result("band 6%", 0.12, 0.02));
        // band 6% is dominated by band 5%, calendar weekly by calendar daily; band 20% ties with buy-and-hold
        assertThat(EngineReports.chartedStrategies(rs, 4))
                .containsExactly("buy-and-hold", "band 5%", "calendar daily", "calendar weekly");
    }

    @Test
    void bandStrategiesCarryTheirBandToTheDriftChart() {
        var base = dev.ballast.policy.PolicyParams.builder().build();
        var strategies = List.of(dev.ballast.backtest.Strategies.buyAndHold(),
                dev.ballast.backtest.Strategies.calendar(dev.ballast.backtest.CalendarPeriod.MONTHLY, base),
                dev.ballast.backtest.Strategies.band(dev.ballast.policy.FixedPoint.WAD / 20, base));
        var bands = EngineReports.bands(strategies);
        assertThat(bands).containsExactly(java.util.Map.entry("band 5%", 0.05));
        List<BacktestResult> rs = List.of(result("band 5%", 0.1, 0.01), result("band 5% [fifo]", 0.1, 0.01),
                result("calendar monthly", 0.2, 0.02));
        ReportData d = EngineReports.from("t", rs, List.of("band 5%", "band 5% [fifo]", "calendar monthly"), bands).build();
        assertThat(d.drift()).extracting(DriftSeries::band).containsExactly(0.05, 0.05, Double.NaN);
        assertThat(d.navs()).extracting(NavSeries::name).containsExactly("band 5%", "band 5% [fifo]", "calendar monthly");
    }

    @Test
    void continuouslyRebalancedGrowsByTheTargetWeightedPriceRelatives() {
        PriceSeries s = new PriceSeries(List.of("A", "B"), new long[] {0, DAY, 2 * DAY},
                new double[][] {{100, 10}, {110, 10}, {99, 12}});
        NavSeries n = EngineReports.continuouslyRebalanced(s, new double[] {0.5, 0.5}, 1000);
        assertThat(n.reference()).isTrue();
        assertThat(n.nav()[1]).isCloseTo(1000 * (0.5 * 1.1 + 0.5), within(1e-9));
        assertThat(n.nav()[2]).isCloseTo(1050 * (0.5 * 0.9 + 0.5 * 1.2), within(1e-9));
    }
}

package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestEngine;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Strategies;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonteCarloTest {
    static final PriceSeries HISTORY = new GbmGenerator(List.of(new SyntheticAsset("A", 100, 0.1, 0.3),
            new SyntheticAsset("B", 100, 0.0, 0.2))).generate(300, 4);
    static final BacktestConfig CONFIG = BacktestConfig.equalWeights(10_000, 2);
    static final List<Strategy> STRATEGIES = List.of(Strategies.buyAndHold(),
            Strategies.band(FixedPoint.WAD / 20, PolicyParams.builder().build()));

    @Test
    void seededRunsAreIdenticalWhateverTheThreads() {
        for (MonteCarlo.PathKind kind : MonteCarlo.PathKind.values()) {
            MonteCarlo.Plan plan = new MonteCarlo.Plan(150, 60, kind, 5, 99, 64);
            var a = MonteCarlo.run(HISTORY, CONFIG, CostModel.FREE, STRATEGIES, plan, n -> {});
            var b = MonteCarlo.run(HISTORY, CONFIG, CostModel.FREE, STRATEGIES, plan, n -> {});
            for (String s : a.keySet()) {
                for (String m : a.get(s).keySet()) {
                    assertThat(a.get(s).get(m).toDistribution(m).samples()).as("%s %s %s", kind, s, m)
                            .containsExactly(b.get(s).get(m).toDistribution(m).samples());
                }
            }
            assertThat(a.get("buy-and-hold").get("return %").count()).isEqualTo(150);
            assertThat(a.get("buy-and-hold").get("return %").retained()).isEqualTo(64); // bounded
        }
    }

    @Test
    void entryDatesAreWindowsOfTheHistory() {
        // every possible window once each is impossible to force, but all windows of the full length are the same
        MonteCarlo.Plan whole = new MonteCarlo.Plan(10, HISTORY.size(), MonteCarlo.PathKind.ENTRY_DATES, 1, 1, 100);
        var r = MonteCarlo.run(HISTORY, CONFIG, CostModel.FREE, STRATEGIES, whole, n -> {});
        StreamingSample ret = r.get("buy-and-hold").get("return %");
        double expected = new BacktestEngine(HISTORY, CONFIG, CostModel.FREE).run(Strategies.buyAndHold())
                .measures().totalReturn() * 100;
        assertThat(ret.quantile(0.05)).isEqualTo(expected);
        assertThat(ret.quantile(0.95)).isEqualTo(expected);

        // with a 2-bar horizon the returns are the history's one-bar basket returns: within their min..max
        MonteCarlo.Plan twoBars = new MonteCarlo.Plan(500, 2, MonteCarlo.PathKind.ENTRY_DATES, 1, 1, 1000);
        StreamingSample r2 = MonteCarlo.run(HISTORY, CONFIG, CostModel.FREE, STRATEGIES, twoBars, n -> {})
                .get("buy-and-hold").get("return %");
        List<Double> oneBar = new ArrayList<>();
        for (int t = 1; t < HISTORY.size(); t++) {
            oneBar.add(((HISTORY.price(t, 0) / HISTORY.price(t - 1, 0) + HISTORY.price(t, 1) / HISTORY.price(t - 1, 1)) / 2 - 1) * 100);
        }
        assertThat(r2.min()).isGreaterThanOrEqualTo(oneBar.stream().mapToDouble(d -> d).min().orElseThrow() - 1e-9);
        assertThat(r2.max()).isLessThanOrEqualTo(oneBar.stream().mapToDouble(d -> d).max().orElseThrow() + 1e-9);
    }

    @Test
    void progressReachesThePathCountAndBadPlansAreRejected() {
        long[] last = {0};
        Map<String, Map<String, StreamingSample>> r = MonteCarlo.run(HISTORY, CONFIG, CostModel.FREE, STRATEGIES,
                new MonteCarlo.Plan(130, 20, MonteCarlo.PathKind.BOOTSTRAP, 5, 1, 10), n -> last[0] = n);
        assertThat(last[0]).isEqualTo(130);
        assertThat(r).containsOnlyKeys("buy-and-hold", "band 5%");
        assertThatThrownBy(() -> MonteCarlo.run(HISTORY, CONFIG, CostModel.FREE, STRATEGIES,
                new MonteCarlo.Plan(1, 301, MonteCarlo.PathKind.ENTRY_DATES, 1, 1, 1), n -> {}))
                .hasMessageContaining("horizon 301");
    }
}

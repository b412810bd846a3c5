package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Measures;
import dev.ballast.backtest.Strategies;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import dev.ballast.backtest.report.FrontierPoint;
import dev.ballast.policy.PolicyParams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepTest {
    static Measures measures(double turnover, double trackingError, double costBps) {
        return new Measures(0, 0, 0, turnover, 0, 0, 0, 0, 0, 0, costBps, 0, trackingError, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    static BacktestResult result(String name, Measures m) {
        return new BacktestResult(name, List.of("A"), new long[] {0, 1}, new double[] {1, 1}, new double[2],
                new double[][] {{1}, {1}}, m);
    }

    @Test
    void dominanceByHand() {
        // A (1, 1%) and B (2, 0.5%) trade off; C (2, 1%) is beaten by both; D (1, 1%) ties A: neither dominates
        List<BacktestResult> rs = List.of(result("A", measures(1, 0.01, 50)), result("B", measures(2, 0.005, 10)),
                result("C", measures(2, 0.01, 5)), result("D", measures(1, 0.01, 60)));
        Map<String, Boolean> byTurnover = Sweep.turnoverFrontier(rs).stream()
                .collect(Collectors.toMap(FrontierPoint::label, FrontierPoint::dominated));
        assertThat(byTurnover).containsEntry("A", false).containsEntry("B", false).containsEntry("C", true)
                .containsEntry("D", false);
        // by cost: C is cheapest (5 bps), B has the least tracking error, A and D are beaten by B (10 bps, 0.5%)
        Map<String, FrontierPoint> byCost = Sweep.costFrontier(rs).stream()
                .collect(Collectors.toMap(FrontierPoint::label, Function.identity()));
        assertThat(byCost.get("C").dominated()).isFalse();
        assertThat(byCost.get("B").dominated()).isFalse();
        assertThat(byCost.get("A").dominated()).isTrue();
        assertThat(byCost.get("D").dominated()).isTrue();
        assertThat(byCost.get("C").turnover()).isEqualTo(0.0005); // 5 bps as a fraction
    }

    @Test
    void gridHasEveryPeriodEveryBandAndEveryPair() {
        List<Strategy> s = SweepGrid.percentBands(20).strategies(PolicyParams.builder().build());
        assertThat(s).hasSize(5 + 20 + 100);
        assertThat(new HashSet<>(s.stream().map(Strategy::name).toList())).hasSize(125);
        assertThat(s.stream().map(Strategy::name)).contains("calendar weekly", "band 20%", "band 7% after annual interval");
    }

    @Test
    void parallelSweepKeepsOrderAndMatchesSequentialRuns() {
        PriceSeries p = new GbmGenerator(List.of(new SyntheticAsset("A", 100, 0.1, 0.3),
                new SyntheticAsset("B", 100, 0.0, 0.2))).generate(400, 3);
        BacktestConfig config = BacktestConfig.equalWeights(10_000, 2);
        List<Strategy> grid = new ArrayList<>(new SweepGrid(List.of((long) 2e16, (long) 1e17),
                List.of(dev.ballast.backtest.CalendarPeriod.DAILY)).strategies(PolicyParams.builder().build()));
        grid.add(0, Strategies.buyAndHold());
        int[] done = {0};
        List<BacktestResult> rs = Sweep.run(p, config, CostModel.FREE, grid, () -> { synchronized (done) { done[0]++; } });
        assertThat(done[0]).isEqualTo(grid.size());
        assertThat(rs.stream().map(BacktestResult::strategy)).containsExactlyElementsOf(grid.stream().map(Strategy::name).toList());
        var engine = new dev.ballast.backtest.BacktestEngine(p, config, CostModel.FREE);
        for (int k = 0; k < grid.size(); k++) {
            assertThat(rs.get(k).measures()).isEqualTo(engine.run(grid.get(k)).measures());
        }
        List<FrontierPoint> f = Sweep.turnoverFrontier(rs);
        // buy-and-hold never trades (least turnover) and daily calendar tracks best: neither can be dominated
        assertThat(f.get(0).dominated()).isFalse();
        assertThat(f.get(1).label()).isEqualTo("calendar daily");
        assertThat(f.get(1).dominated()).isFalse();
    }
}

package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestEngine;
import dev.ballast.backtest.CalendarPeriod;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.GasModel;
import dev.ballast.backtest.Strategies;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sweep as it is run (lean replays, measures as arrays, samples created on the first path) against the plain
 * way it was written before: every path's full backtest, its {@code measures().asMap()} streamed in path, strategy
 * and map order into samples seeded on first use. Every sample must hold the same values.
 */
class MonteCarloDifferentialTest {
    @Test
    void sweepEqualsTheFullReplayStreamedInPathOrder() {
        List<SyntheticAsset> assets = new ArrayList<>();
        for (int i = 0; i < 5; i++) assets.add(new SyntheticAsset("X" + i, 100, 0.05, 0.2 + 0.1 * i));
        PriceSeries history = new GbmGenerator(assets).generate(900, 3);
        BacktestConfig config = BacktestConfig.equalWeights(1_000_000, 5);
        CostModel costs = new CostModel(0.003, 10_000_000, GasModel.constant(150_000, 100_000, 20_000_000_000L, 2_000));
        List<Strategy> strategies = new ArrayList<>(new SweepGrid(List.of(FixedPoint.WAD / 50, FixedPoint.WAD / 10,
                FixedPoint.WAD / 5), List.of(CalendarPeriod.WEEKLY, CalendarPeriod.QUARTERLY))
                .strategies(PolicyParams.builder().build()));
        strategies.add(Strategies.buyAndHold());
        strategies.add(Strategies.passivePool(0.003, 0.05));
        MonteCarlo.Plan plan = new MonteCarlo.Plan(300, 200, MonteCarlo.PathKind.ENTRY_DATES, 20, 11, 128);

        Map<String, Map<String, StreamingSample>> swept = MonteCarlo.run(history, config, costs, strategies, plan, n -> {});

        Map<String, Map<String, StreamingSample>> reference = new LinkedHashMap<>();
        for (Strategy s : strategies) reference.put(s.name(), new LinkedHashMap<>());
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        int rebalancing = 0;
        for (int start : MonteCarlo.entryStarts(plan, history.size())) {
            BacktestEngine engine = new BacktestEngine(history.slice(start, start + plan.horizon()), config, costs);
            for (Strategy s : strategies) {
                var measures = engine.run(s).measures();
                if (measures.rebalances() > 0) rebalancing++;
                for (Map.Entry<String, Double> e : measures.asMap().entrySet()) {
                    reference.get(s.name()).computeIfAbsent(e.getKey(),
                            x -> new StreamingSample(plan.capacity(), seeds.nextLong())).add(e.getValue());
                }
            }
        }
        assertThat(rebalancing).isGreaterThan(1000);
        assertThat(swept.keySet()).containsExactlyElementsOf(reference.keySet());
        for (String s : reference.keySet()) {
            assertThat(swept.get(s).keySet()).containsExactlyElementsOf(reference.get(s).keySet());
            for (String m : reference.get(s).keySet()) {
                StreamingSample a = swept.get(s).get(m);
                StreamingSample b = reference.get(s).get(m);
                assertThat(a.toDistribution(m).samples()).as("%s %s", s, m).isEqualTo(b.toDistribution(m).samples());
                assertThat(new double[] {a.count(), a.nonFinite(), a.mean(), a.min(), a.max()}).as("%s %s", s, m)
                        .isEqualTo(new double[] {b.count(), b.nonFinite(), b.mean(), b.min(), b.max()});
            }
        }
    }
}

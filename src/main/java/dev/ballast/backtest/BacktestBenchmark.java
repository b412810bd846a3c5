package dev.ballast.backtest;

import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints how long one backtest of 10 assets × 10 years of daily bars takes after warm-up, per strategy
 * (median of timed runs, wall clock and this thread's CPU time; the CPU figure is the one to trust on a loaded
 * machine). Run: {@code java -cp <classpath> dev.ballast.backtest.BacktestBenchmark [runs [strategy-name-part]]}.
 */
public final class BacktestBenchmark {
    private static final int ASSETS = 10;
    private static final int BARS = 3653;

    private static final ThreadMXBean THREADS =
            ManagementFactory.getThreadMXBean();

    private BacktestBenchmark() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<SyntheticAsset> assets = new ArrayList<>();
        for (int i = 0; i < ASSETS; i++) assets.add(new SyntheticAsset("X" + i, 100, 0.05, 0.2 + 0.05 * i));
        PriceSeries prices = new GbmGenerator(assets).generate(BARS, 42);
        CostModel costs = new CostModel(0.003, 10_000_000, GasModel.constant(150_000, 100_000, 20_000_000_000L, 2_000));
        BacktestEngine engine = new BacktestEngine(prices, BacktestConfig.equalWeights(1_000_000, ASSETS), costs);
        PolicyParams base = PolicyParams.builder().build();
        List<Strategy> strategies = List.of(
                Strategies.band(FixedPoint.WAD / 20, base),
                Strategies.calendar(CalendarPeriod.MONTHLY, base),
                Strategies.calendar(CalendarPeriod.DAILY, base),
                Strategies.buyAndHold(),
                Strategies.passivePool(0.003, 0.05));
        System.out.printf("%d assets x %d daily bars (%d asset-days), median of %d runs after warm-up%n",
                ASSETS, BARS, ASSETS * BARS, runs);
        String only = args.length > 1 ? args[1] : "";
        for (Strategy s : strategies) {
            if (!s.name().contains(only)) continue;
            for (int i = 0; i < Math.max(runs, 500); i++) engine.run(s); // warm-up
            long[] wall = new long[runs];
            long[] cpu = new long[runs];
            double sink = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                long startCpu = THREADS.getCurrentThreadCpuTime();
                sink += engine.run(s).finalNav();
                cpu[i] = THREADS.getCurrentThreadCpuTime() - startCpu;
                wall[i] = System.nanoTime() - start;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf("%-28s wall %7.3f ms  thread-cpu %7.3f ms  (%d rebalances, mean final NAV %.0f)%n",
                    s.name(), wall[runs / 2] / 1e6, cpu[runs / 2] / 1e6, engine.run(s).measures().rebalances(),
                    sink / runs);
        }
    }
}

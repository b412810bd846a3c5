package dev.ballast.backtest.optimize;

import com.sun.management.OperatingSystemMXBean;
import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestEngine;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.GasModel;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import dev.ballast.policy.PolicyParams;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Prints: one backtest of 10 assets × 10 years of daily bars after warm-up (median), and the Monte Carlo sweep of
 * 20 bands × 5 calendar periods (calendar-and-band) × N random entry dates on that data, with the heap used after
 * a GC before and after a short and the full run (it should not grow with the number of paths), and the numpy peer's
 * time for the same sweep on the same prices and entry dates ({@code scripts/bench/sweep_numpy.py}). Run:
 * {@code ballast bench backtest [--paths N] [--horizon-days D] [--threads T] [--no-peer]}.
 */
public final class SweepBenchmark {
    private static final int ASSETS = 10;
    private static final int BARS = 3653;
    private static final int BANDS = 20;

    private SweepBenchmark() {}

    public static void main(String[] args) {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 1000, args.length > 1 ? Integer.parseInt(args[1]) : 365,
                args.length <= 2 || Boolean.parseBoolean(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
    }

    /**
     * {@code peer}: also run the numpy peer ({@link NumpyPeer}) on the same prices and entry dates, and compare.
     * {@code threads}: the sweep's threads (a pool of that size), or 0 for the default (the common pool: every core).
     */
    public static void run(PrintStream out, int paths, int horizonDays, boolean peer, int threads) {
        if (threads < 0) throw new IllegalArgumentException("threads = " + threads + ": must be >= 0 (0: every core)");
        List<SyntheticAsset> assets = new ArrayList<>();
        for (int i = 0; i < ASSETS; i++) assets.add(new SyntheticAsset("X" + i, 100, 0.05, 0.2 + 0.05 * i));
        PriceSeries prices = new GbmGenerator(assets).generate(BARS, 42);
        CostModel costs = new CostModel(0.003, 10_000_000, GasModel.constant(150_000, 100_000, 20_000_000_000L, 2_000));
        BacktestConfig config = BacktestConfig.equalWeights(1_000_000, ASSETS);
        PolicyParams base = PolicyParams.builder().build();
        List<Strategy> grid = SweepGrid.percentBands(BANDS).combined(base);
        out.printf("data: SYNTHETIC GBM, %d assets x %d daily bars; %d cores%n", ASSETS, BARS,
                Runtime.getRuntime().availableProcessors());

        BacktestEngine engine = new BacktestEngine(prices, config, costs);
        Strategy one = grid.get(grid.size() / 2);
        for (int i = 0; i < 300; i++) engine.run(one);
        long[] t = new long[100];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            engine.run(one);
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        out.printf("one backtest (%s, full 10 years): median %.3f ms, p90 %.3f ms (target < 5 ms)%n", one.name(),
                t[t.length / 2] / 1e6, t[t.length * 9 / 10] / 1e6);

        int capacity = 256; // values kept per measure: memory is bounded once every reservoir is full
        MonteCarlo.Plan small = new MonteCarlo.Plan(Math.max(capacity, paths / 4), horizonDays, MonteCarlo.PathKind.ENTRY_DATES, 20, 7, capacity);
        MonteCarlo.Plan full = new MonteCarlo.Plan(paths, horizonDays, MonteCarlo.PathKind.ENTRY_DATES, 20, 7, capacity);
        long heap0 = usedHeapAfterGc();
        Map<String, Map<String, StreamingSample>> warm = inPool(threads, () -> MonteCarlo.run(prices, config, costs, grid, small, n -> {}));
        out.printf("  after %d paths: %d values kept per measure%n", small.paths(),
                warm.values().iterator().next().get("return %").retained());
        long heapSmall = usedHeapAfterGc();
        warm = null;
        // the first full run still pays for the JIT compiling the replay (its CPU time counts compiler threads): shown,
        // and the second run, warm, is the one compared
        Supplier<Map<String, Map<String, StreamingSample>>> sweep =
                () -> inPool(threads, () -> MonteCarlo.run(prices, config, costs, grid, full, n -> {}));
        Timed<Void> first = timed(() -> {
            sweep.get(); // its result is not kept: the heap figure below is one run's
            return null;
        });
        Timed<Map<String, Map<String, StreamingSample>>> second = timed(sweep);
        Map<String, Map<String, StreamingSample>> res = second.result;
        long heapFull = usedHeapAfterGc();
        long runs = (long) paths * grid.size();
        int used = threads > 0 ? threads : ForkJoinPool.getCommonPoolParallelism() + 1; // + the calling thread
        out.printf("sweep: %d settings x %d entry dates x %d-bar horizon = %d backtests in %.2f s wall, %.2f s cpu "
                + "on %s, warm (%.3f ms each, target < 60 s); first run, JIT compiling: %.2f s wall, %.2f s cpu%n",
                grid.size(), paths, horizonDays, runs, second.wall, second.cpu, threads(used), second.wall * 1e3 / runs,
                first.wall, first.cpu);
        StreamingSample r = res.get(one.name()).get("return %");
        out.printf("  %s return %%: p5 %.2f median %.2f p95 %.2f over %d paths (kept %d)%n", one.name(),
                r.quantile(0.05), r.quantile(0.5), r.quantile(0.95), r.count(), r.retained());
        if (peer) comparePeer(out, prices, full, second, first, used);
        out.printf("heap used after GC: before %.1f MB, holding the results of %d paths %.1f MB, of %d paths %.1f MB%n",
                heap0 / 1e6, small.paths(), heapSmall / 1e6, paths, heapFull / 1e6);
        out.printf("  (bound: %d settings x %d measures x %d kept values x 8 bytes = %.1f MB)%n", grid.size(),
                res.get(one.name()).size(), capacity, grid.size() * res.get(one.name()).size() * capacity * 8 / 1e6);
    }

    /**
     * The target: the sweep within a third of the numpy peer's time (3× faster), compared by wall time and by
     * CPU time (the fairer figure on a shared machine: the peer runs on one core, the sweep on all of them).
     */
    private static void comparePeer(PrintStream out, PriceSeries prices, MonteCarlo.Plan plan, Timed<?> warm, Timed<?> first,
                                    int threads) {
        double wall = warm.wall;
        double cpu = warm.cpu;
        try {
            NumpyPeer.Timing np = NumpyPeer.run(NumpyPeer.script(), prices, MonteCarlo.entryStarts(plan, prices.size()),
                    plan.horizon(), BANDS);
            out.println("  " + np.line());
            out.printf("  ballast (%s) vs numpy peer (1 thread): wall %.2f s vs %.2f s (%s), cpu %.2f s vs %.2f s "
                    + "(%s); target: 3× faster (ballast <= 1/3 of the peer) -> wall %s, cpu %s; load average %s%n",
                    threads(threads), wall, np.wallSeconds(), NumpyPeer.ratio(wall, np.wallSeconds()), cpu, np.cpuSeconds(),
                    NumpyPeer.ratio(cpu, np.cpuSeconds()), wall * 3 <= np.wallSeconds() ? "met" : "NOT met",
                    cpu * 3 <= np.cpuSeconds() ? "met" : "NOT met", loadAverage());
            out.printf("  first run (JIT compiling) vs numpy peer: wall %s, cpu %s%n",
                    NumpyPeer.ratio(first.wall, np.wallSeconds()), NumpyPeer.ratio(first.cpu, np.cpuSeconds()));
        } catch (IOException e) {
            out.println("  numpy peer not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("  numpy peer interrupted");
        }
    }

    private static String threads(int n) {
        return n == 1 ? "1 thread" : n + " threads";
    }

    /** A run's result, wall and CPU seconds (CPU: the whole process, so the JIT and GC threads count). */
    private record Timed<T>(T result, double wall, double cpu) {}

    private static <T> Timed<T> timed(Supplier<T> run) {
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        T result = run.get();
        return new Timed<>(result, (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
    }

    /** {@code task} on a pool of {@code threads} (its parallel streams run there), or on the caller for 0. */
    private static <T> T inPool(int threads, Supplier<T> task) {
        if (threads == 0) return task.get();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(task::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}

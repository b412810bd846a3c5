package dev.ballast.backtest.optimize;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestEngine;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Execution;
import dev.ballast.backtest.Measures;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.PriceSeries;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Runs every strategy over many paths and streams each measure into a {@link StreamingSample}, so memory is bounded
 * by {@code strategies × measures × capacity} whatever the number of paths. A path is either a window of
 * {@code horizon} bars starting at a uniformly random row of the history ({@link PathKind#ENTRY_DATES}) or a
 * stationary block bootstrap of its returns ({@link PathKind#BOOTSTRAP}). Paths run in chunks on all cores; each
 * chunk's measures are added in path order, so the result depends only on the seed, not on thread timing.
 */
public final class MonteCarlo {
    /** How a path is drawn. */
    public enum PathKind { ENTRY_DATES, BOOTSTRAP }

    /**
     * @param paths     number of paths
     * @param horizon   bars per path (at least 2, at most the history's length)
     * @param kind      entry dates or bootstrap
     * @param meanBlock mean block length of the bootstrap, in bars
     * @param seed      everything random derives from it
     * @param capacity  values kept per measure for quantiles
     */
    public record Plan(int paths, int horizon, PathKind kind, double meanBlock, long seed, int capacity) {
        public Plan {
            if (paths < 1) throw new IllegalArgumentException("paths = " + paths + ": must be >= 1");
            if (horizon < 2) throw new IllegalArgumentException("horizon = " + horizon + " bars: must be >= 2");
            if (!(meanBlock >= 1)) throw new IllegalArgumentException("block = " + meanBlock + ": must be >= 1");
            if (capacity < 1) throw new IllegalArgumentException("capacity = " + capacity + ": must be >= 1");
        }
    }

    private static final int CHUNK = 64;

    /** The history rows where the plan's entry-date paths start, in path order (what {@link #run} simulates). */
    public static int[] entryStarts(Plan plan, int historySize) {
        return draws(plan, historySize, new long[plan.paths()]);
    }

    /** Per path, a bootstrap seed (into {@code seeds}) and an entry row, drawn alternately from one stream. */
    private static int[] draws(Plan plan, int historySize, long[] seeds) {
        SplittableRandom entries = new SplittableRandom(plan.seed() ^ 0x9E3779B97F4A7C15L);
        int lastStart = historySize - plan.horizon();
        int[] starts = new int[plan.paths()];
        for (int k = 0; k < starts.length; k++) {
            seeds[k] = entries.nextLong();
            starts[k] = entries.nextInt(lastStart + 1);
        }
        return starts;
    }

    private MonteCarlo() {}

    /**
     * Per strategy name (in order), per measure name ({@link Measures#asMap()} order), the streamed sample.
     * {@code progress} receives the number of paths done so far.
     */
    public static Map<String, Map<String, StreamingSample>> run(PriceSeries history, BacktestConfig config,
            CostModel costs, List<Strategy> strategies, Plan plan, LongConsumer progress) {
        return run(history, config, costs, Execution.DEFAULT, strategies, plan, progress);
    }

    /** {@link #run(PriceSeries, BacktestConfig, CostModel, List, Plan, LongConsumer)} with an {@link Execution}. */
    public static Map<String, Map<String, StreamingSample>> run(PriceSeries history, BacktestConfig config,
            CostModel costs, Execution execution, List<Strategy> strategies, Plan plan, LongConsumer progress) {
        if (plan.horizon() > history.size()) {
            throw new IllegalArgumentException("horizon " + plan.horizon() + " bars exceeds the history's "
                    + history.size() + " bars");
        }
        Map<String, Map<String, StreamingSample>> acc = new LinkedHashMap<>();
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        for (Strategy s : strategies) acc.put(s.name(), new LinkedHashMap<>());
        BlockBootstrap bootstrap = plan.kind() == PathKind.BOOTSTRAP ? new BlockBootstrap(history, plan.meanBlock()) : null;
        long[] allSeeds = new long[plan.paths()];
        int[] allStarts = draws(plan, history.size(), allSeeds);
        StreamingSample[][] samples = new StreamingSample[strategies.size()][];
        for (int from = 0; from < plan.paths(); from += CHUNK) {
            int size = Math.min(CHUNK, plan.paths() - from);
            long[] pathSeeds = Arrays.copyOfRange(allSeeds, from, from + size);
            int[] starts = Arrays.copyOfRange(allStarts, from, from + size);
            double[][][] chunk = IntStream.range(0, size).parallel().mapToObj(k -> {
                PriceSeries path = bootstrap != null ? bootstrap.path(plan.horizon(), pathSeeds[k])
                        : history.slice(starts[k], starts[k] + plan.horizon());
                BacktestEngine engine = new BacktestEngine(path, config, costs, execution);
                Measures[] measures = engine.measureAll(strategies);
                double[][] row = new double[strategies.size()][];
                for (int s = 0; s < row.length; s++) row[s] = measures[s].values();
                return row;
            }).toArray(double[][][]::new);
            for (double[][] row : chunk) {
                for (int s = 0; s < strategies.size(); s++) {
                    if (samples[s] == null) {
                        // created (and seeded) in strategy, then measure order on the first path; two strategies of one name share
                        samples[s] = new StreamingSample[Measures.NAMES.size()];
                        Map<String, StreamingSample> m = acc.get(strategies.get(s).name());
                        for (int k = 0; k < samples[s].length; k++) {
                            samples[s][k] = m.computeIfAbsent(Measures.NAMES.get(k),
                                    x -> new StreamingSample(plan.capacity(), seeds.nextLong()));
                        }
                    }
                    for (int k = 0; k < row[s].length; k++) samples[s][k].add(row[s][k]);
                }
            }
            progress.accept(from + size);
        }
        return acc;
    }
}

package dev.ballast.backtest.data;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * SYNTHETIC prices from a Markov chain of market regimes (e.g. bull, bear, sideways): each step first moves the
 * chain by its transition matrix, then draws correlated log-normal returns with the new regime's drift,
 * volatility and correlation. Deterministic for a given seed. Not market data.
 */
public final class RegimeSwitchingGenerator {
    private final List<SyntheticAsset> assets;
    private final List<Regime> regimes;
    private final double[][] transitions;
    private final double[][][] cholesky;
    private final int startRegime;
    private final StepCalendar calendar;

    /**
     * @param transitions {@code transitions[from][to]}: probability per step, each row summing to 1
     * @param startRegime index of the regime at row 0
     */
    public RegimeSwitchingGenerator(List<SyntheticAsset> assets, List<Regime> regimes, double[][] transitions,
                                    int startRegime, StepCalendar calendar) {
        if (assets.isEmpty() || regimes.isEmpty()) {
            throw new IllegalArgumentException("at least one asset and one regime are required");
        }
        this.assets = List.copyOf(assets);
        this.regimes = List.copyOf(regimes);
        this.transitions = validTransitions(transitions, regimes);
        if (startRegime < 0 || startRegime >= regimes.size()) {
            throw new IllegalArgumentException("startRegime = " + startRegime + ": must index one of " + regimes.size());
        }
        this.startRegime = startRegime;
        this.calendar = calendar;
        int n = assets.size();
        this.cholesky = regimes.stream()
                .map(r -> Correlation.cholesky(Correlation.uniform(n, r.correlation()), n))
                .toArray(double[][][]::new);
    }

    /**
     * Daily bull (+15%/yr, 15% vol, ρ 0.3), bear (-30%/yr, 35% vol, ρ 0.7) and sideways (0%, 10% vol, ρ 0.2) regimes;
     * expected stays of about 200, 50 and 100 days; starts in bull on 2020-01-01.
     */
    public static RegimeSwitchingGenerator bullBearSideways(List<SyntheticAsset> assets) {
        List<Regime> regimes = List.of(
                new Regime("bull", 0.15, 0.15, 0.3),
                new Regime("bear", -0.30, 0.35, 0.7),
                new Regime("sideways", 0.0, 0.10, 0.2));
        double[][] p = {
                {0.995, 0.002, 0.003},
                {0.010, 0.980, 0.010},
                {0.006, 0.004, 0.990}};
        return new RegimeSwitchingGenerator(assets, regimes, p, 0, StepCalendar.daily(LocalDate.of(2020, 1, 1)));
    }

    public RegimePath generate(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows = " + rows + ": must be >= 1");
        }
        int n = assets.size();
        double[][] prices = new double[rows][];
        int[] regimeAt = new int[rows];
        prices[0] = assets.stream().mapToDouble(SyntheticAsset::initialPrice).toArray();
        regimeAt[0] = startRegime;
        GaussianSource gauss = new GaussianSource(seed);
        for (int t = 1; t < rows; t++) {
            int r = nextRegime(regimeAt[t - 1], gauss.uniform());
            regimeAt[t] = r;
            double[] drift = filled(n, regimes.get(r).drift());
            double[] vol = filled(n, regimes.get(r).volatility());
            prices[t] = LogNormalStep.next(prices[t - 1], drift, vol, gauss.correlated(cholesky[r]), calendar.dt());
        }
        PriceSeries series = new PriceSeries(assets.stream().map(SyntheticAsset::name).toList(),
                calendar.timestamps(rows), prices);
        return new RegimePath(series, regimes, regimeAt);
    }

    private int nextRegime(int from, double u) {
        double cumulative = 0;
        double[] row = transitions[from];
        for (int to = 0; to < row.length; to++) {
            cumulative += row[to];
            if (u < cumulative) {
                return to;
            }
        }
        // Rounding can leave the cumulative sum a hair under 1: fall to the last reachable regime.
        for (int to = row.length - 1; ; to--) {
            if (row[to] > 0) {
                return to;
            }
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double[][] validTransitions(double[][] p, List<Regime> regimes) {
        int k = regimes.size();
        if (p.length != k) {
            throw new IllegalArgumentException("transitions: expected " + k + " rows (one per regime), got " + p.length);
        }
        double[][] copy = new double[k][];
        for (int i = 0; i < k; i++) {
            if (p[i].length != k) {
                throw new IllegalArgumentException("transitions[" + regimes.get(i).name() + "]: expected " + k + " values");
            }
            double sum = 0;
            for (double x : p[i]) {
                if (!(x >= 0 && x <= 1)) {
                    throw new IllegalArgumentException("transitions[" + regimes.get(i).name() + "] has " + x
                            + ": probabilities must be in [0, 1]");
                }
                sum += x;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException("transitions[" + regimes.get(i).name() + "] sums to " + sum
                        + ": must sum to 1");
            }
            copy[i] = p[i].clone();
        }
        return copy;
    }
}

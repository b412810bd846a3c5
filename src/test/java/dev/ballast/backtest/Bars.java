package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import java.util.List;
import java.util.SplittableRandom;

/** Price series for engine tests: hand-written daily bars, or a seeded random walk. */
final class Bars {
    static final long DAY = 86_400;
    static final long T0 = 1_700_006_400L; // a midnight; non-zero so "never rebalanced" is not confused with t = 0

    private Bars() {}

    /** Daily bars; {@code rows[t]} holds each asset's price. Assets are named A, B, C... */
    static PriceSeries daily(double[]... rows) {
        long[] ts = new long[rows.length];
        for (int t = 0; t < rows.length; t++) ts[t] = T0 + t * DAY;
        List<String> names = java.util.stream.IntStream.range(0, rows[0].length)
                .mapToObj(i -> String.valueOf((char) ('A' + i))).toList();
        return new PriceSeries(names, ts, rows);
    }

    /** A seeded geometric random walk: daily log returns with 3% standard deviation, prices starting at 100. */
    static PriceSeries randomWalk(long seed, int assets, int days) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[days][assets];
        for (int i = 0; i < assets; i++) rows[0][i] = 100;
        for (int t = 1; t < days; t++) {
            for (int i = 0; i < assets; i++) rows[t][i] = rows[t - 1][i] * Math.exp(0.03 * gaussian(r));
        }
        return daily(rows);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

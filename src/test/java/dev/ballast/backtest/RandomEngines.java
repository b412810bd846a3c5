package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Random engines for the replay differential tests: weights, capital, costs, gas and execution drawn from one source. */
final class RandomEngines {
    private RandomEngines() {}

    /** An engine over {@code prices} with random target weights, costs, gas and execution timing. */
    static BacktestEngine engine(SplittableRandom r, PriceSeries prices, int assets) {
        double[] weights = new double[assets];
        for (int i = 0; i < assets; i++) weights[i] = 0.2 + r.nextDouble();
        double sum = Arrays.stream(weights).sum();
        for (int i = 0; i < assets; i++) weights[i] /= sum;
        BacktestConfig config = BacktestConfig.of(1_000 + r.nextDouble() * 1e7, r.nextDouble() * 0.05, weights);
        CostModel costs = new CostModel(r.nextDouble() * 0.01, r.nextBoolean() ? Double.POSITIVE_INFINITY
                : 1e4 + r.nextDouble() * 1e8, GasModel.constant(r.nextInt(200_000), r.nextInt(120_000),
                r.nextLong(50_000_000_000L), r.nextDouble() * 4_000));
        Execution execution = switch (r.nextInt(3)) {
            case 0 -> Execution.DEFAULT;
            case 1 -> new Execution(Execution.Timing.NEXT_BAR, null, 0);
            default -> new Execution(Execution.Timing.SAME_BAR, rates(r, assets), r.nextDouble() * 5);
        };
        return new BacktestEngine(prices, config, costs, execution);
    }

    private static double[] rates(SplittableRandom r, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = r.nextDouble() * 0.01;
        return out;
    }
}

package dev.ballast.backtest.data;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a seeded {@link SplittableRandom} by the Box–Muller transform. Written out here
 * rather than using {@code RandomGenerator.nextGaussian()} so that a seed gives the same path on every JDK.
 */
final class GaussianSource {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    GaussianSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log(u1) is finite
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spare = r * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Uniform in [0, 1), from the same stream (regime switches share the seed with the returns). */
    double uniform() {
        return random.nextDouble();
    }

    /** {@code n} correlated normals: {@code L z} for the lower-triangular Cholesky factor {@code L}. */
    double[] correlated(double[][] cholesky) {
        int n = cholesky.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = next();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += cholesky[i][k] * z[k];
            }
            out[i] = s;
        }
        return out;
    }
}

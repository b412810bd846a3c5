package dev.ballast.backtest.data;

/** Validates correlation matrices and factors them for drawing correlated normals. */
final class Correlation {
    private Correlation() {
    }

    static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** Every pair correlated by {@code rho}; positive definite for {@code -1/(n-1) < rho < 1}. */
    static double[][] uniform(int n, double rho) {
        double[][] m = identity(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    m[i][j] = rho;
                }
            }
        }
        return m;
    }

    /** Lower-triangular {@code L} with {@code L Lᵀ = corr}; fails naming the entry if corr is not a correlation matrix. */
    static double[][] cholesky(double[][] corr, int n) {
        if (corr.length != n) {
            throw new IllegalArgumentException("correlation: expected " + n + "x" + n + ", got " + corr.length + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (corr[i].length != n) {
                throw new IllegalArgumentException("correlation row " + i + ": expected " + n + " values");
            }
            if (Math.abs(corr[i][i] - 1) > 1e-12) {
                throw new IllegalArgumentException("correlation[" + i + "][" + i + "] = " + corr[i][i] + ": must be 1");
            }
            for (int j = 0; j < n; j++) {
                if (Math.abs(corr[i][j] - corr[j][i]) > 1e-12 || !(Math.abs(corr[i][j]) <= 1)) {
                    throw new IllegalArgumentException("correlation[" + i + "][" + j + "] = " + corr[i][j]
                            + ": must equal [" + j + "][" + i + "] and lie in [-1, 1]");
                }
            }
        }
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = corr[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 1e-12) {
                        throw new IllegalArgumentException("correlation matrix is not positive definite (pivot "
                                + i + " = " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}

package dev.ballast.backtest.data;

/** One step of geometric Brownian motion, exact in distribution: {@code S' = S exp((mu - sigma²/2) dt + sigma sqrt(dt) z)}. */
final class LogNormalStep {
    private LogNormalStep() {
    }

    static double[] next(double[] prices, double[] drift, double[] vol, double[] z, double dt) {
        double[] out = new double[prices.length];
        double sqrtDt = Math.sqrt(dt);
        for (int i = 0; i < prices.length; i++) {
            out[i] = prices[i] * Math.exp((drift[i] - 0.5 * vol[i] * vol[i]) * dt + vol[i] * sqrtDt * z[i]);
        }
        return out;
    }
}

package dev.ballast.backtest.data;

/**
 * A market state for {@link RegimeSwitchingGenerator}: annualised drift and volatility applied to every asset,
 * and the pairwise correlation of their shocks (correlations rise in sell-offs, which is what hurts a
 * diversified portfolio, so each regime has its own).
 */
public record Regime(String name, double drift, double volatility, double correlation) {
    public Regime {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("regime name must not be blank");
        }
        if (!Double.isFinite(drift)) {
            throw new IllegalArgumentException(name + ".drift = " + drift + ": must be finite");
        }
        if (!(volatility >= 0) || Double.isInfinite(volatility)) {
            throw new IllegalArgumentException(name + ".volatility = " + volatility + ": must be finite and >= 0");
        }
        if (!(correlation > -1 && correlation < 1)) {
            throw new IllegalArgumentException(name + ".correlation = " + correlation + ": must be in (-1, 1)");
        }
    }
}

package dev.ballast.backtest.data;

/**
 * One generated asset: its name, first price, and annualised drift {@code mu} and volatility {@code sigma} of
 * log-normal returns (used as they are by {@link GbmGenerator}; {@link RegimeSwitchingGenerator} uses only the
 * name and first price).
 */
public record SyntheticAsset(String name, double initialPrice, double drift, double volatility) {
    public SyntheticAsset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("asset name must not be blank");
        }
        if (!(initialPrice > 0) || Double.isInfinite(initialPrice)) {
            throw new IllegalArgumentException(name + ".initialPrice = " + initialPrice + ": must be finite and > 0");
        }
        if (!Double.isFinite(drift)) {
            throw new IllegalArgumentException(name + ".drift = " + drift + ": must be finite");
        }
        if (!(volatility >= 0) || Double.isInfinite(volatility)) {
            throw new IllegalArgumentException(name + ".volatility = " + volatility + ": must be finite and >= 0");
        }
    }
}

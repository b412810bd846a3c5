package dev.ballast.demo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A demo run: how long (wall clock, or an exact number of market steps when {@code steps > 0}: a repeatable run), the market's seed, how many assets (2..4), the vault's band, how much chain time
 * passes per step, and whether a flash-loan manipulation is attempted half way.
 */
public record DemoOptions(Duration duration, int steps, long seed, int assets, BigDecimal band, Duration stepTime,
        boolean attack, boolean live) {
    public DemoOptions {
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be positive");
        if (assets < 2 || assets > 4) throw new IllegalArgumentException("--assets must be 2..4, got " + assets);
        if (band.signum() <= 0 || band.compareTo(new BigDecimal("0.5")) > 0) {
            throw new IllegalArgumentException("--band must be in (0, 0.5], got " + band);
        }
        if (steps < 0) throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        if (stepTime.toSeconds() < 60) throw new IllegalArgumentException("--step must be at least 60s of chain time");
    }
}

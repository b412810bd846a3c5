package dev.ballast.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A demo run: how long (wall clock, or an exact number of market steps when {@code steps > 0}: a repeatable run), the market's seed, how many assets (2..4), the vault's band, how much chain time
 * passes per step, whether a flash-loan manipulation is attempted half way, and the venues the market runs on
 * ({@code ballast} always; {@code univ3}, {@code balancer}: the real protocols beside it, kept in line by the
 * arbitrageur).
 */
public record DemoOptions(Duration duration, int steps, long seed, int assets, BigDecimal band, Duration stepTime,
        boolean attack, boolean live, List<String> venues) {
    public static final List<String> VENUES = List.of("ballast", "univ3", "balancer");

    /** The market on the Ballast pool alone. */
    public DemoOptions(Duration duration, int steps, long seed, int assets, BigDecimal band, Duration stepTime,
            boolean attack, boolean live) {
        this(duration, steps, seed, assets, band, stepTime, attack, live, List.of("ballast"));
    }

    public DemoOptions {
        venues = List.copyOf(venues);
        for (String v : venues) {
            if (!VENUES.contains(v)) throw new IllegalArgumentException("--venues: unknown venue '" + v + "'; known: " + String.join(",", VENUES));
        }
        if (!venues.contains("ballast")) {
            throw new IllegalArgumentException("--venues must include ballast: the demo vault's price router reads the Ballast pool's TWAP");
        }
        if (venues.stream().distinct().count() != venues.size()) throw new IllegalArgumentException("--venues lists a venue twice");
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be positive");
        if (assets < 2 || assets > 4) throw new IllegalArgumentException("--assets must be 2..4, got " + assets);
        if (band.signum() <= 0 || band.compareTo(new BigDecimal("0.5")) > 0) {
            throw new IllegalArgumentException("--band must be in (0, 0.5], got " + band);
        }
        if (steps < 0) throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        if (stepTime.toSeconds() < 60) throw new IllegalArgumentException("--step must be at least 60s of chain time");
    }
}
